import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { isServerReported, isTemporaryDatabaseFailure } from './database-failure';

/** A SQL statement with a name, so that pg prepares it once per connection. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Declares a named, prepared statement. Names must be unique across the module. */
export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** Something that runs statements: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow>(statement: Statement, values: readonly unknown[]): Promise<R[]>;
}

/**
 * Thin access to PostgreSQL through the pg pool of the host's TypeORM DataSource. Repositories use
 * named prepared statements so that each hot query is one network round trip.
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

  /**
   * Runs `work` in one transaction on one connection; rolls back when it throws. A connection
   * that timed out or failed on our side may still be inside a statement the server has not
   * finished: it is dropped instead of reused (the server rolls back what it had), rather than
   * queueing a ROLLBACK behind a statement that may never end. Either way it leaves the pool.
   */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    const tx: Queryable = {
      query: async <R extends QueryResultRow>(
        { name, text }: Statement,
        values: readonly unknown[],
      ) => (await client.query<R>({ name, text, values: [...values] })).rows,
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isTemporaryDatabaseFailure(error) && !isServerReported(error)) {
        broken = error instanceof Error ? error : new Error('database connection failed');
      } else {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * The module's {@link Database} on the pool of the host's DataSource: one pool, one set of
 * timeouts, the host's. @throws when the DataSource is not an initialised PostgreSQL one
 */
export function databaseOf(dataSource: DataSource): Database {
  if (dataSource.options.type !== 'postgres') {
    throw new Error(
      `WxLoginModule needs a PostgreSQL DataSource, not "${dataSource.options.type}"`,
    );
  }
  if (!dataSource.isInitialized) {
    throw new Error('WxLoginModule needs the DataSource initialised before it starts');
  }
  return new Database((dataSource.driver as unknown as { master: Pool }).master);
}
