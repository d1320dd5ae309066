import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** A SQL statement with a name, so that pg prepares it once per connection. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Declares a named, prepared statement. Names must be unique across the API. */
export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** Something that runs statements: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(statement: Statement, values: readonly unknown[]): Promise<R[]>;
}

/**
 * Thin access to PostgreSQL through the pg pool that TypeORM created. Repositories use named
 * prepared statements so that each hot query is one network round trip.
 */
export class Database implements Queryable {
  constructor(private readonly pool: Pool) {}

  async query<R extends QueryResultRow>(
    { name, text }: Statement,
    values: readonly unknown[],
  ): Promise<R[]> {
    const result = await this.pool.query<R>({ name, text, values: [...values] });
    return result.rows;
  }

  /** Runs a statement that returns no rows; answers how many rows it changed. */
  async execute({ name, text }: Statement, values: readonly unknown[]): Promise<number> {
    const result = await this.pool.query({ name, text, values: [...values] });
    return result.rowCount ?? 0;
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    const tx: Queryable = {
      query: async <R extends QueryResultRow>(
        { name, text }: Statement,
        values: readonly unknown[],
      ) => (await client.query<R>({ name, text, values: [...values] })).rows,
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
