import { Injectable } from '@nestjs/common';
import { Database, statement } from '../database/database';
import { USER_COLUMNS, type UserRow } from '../users/user.row';

/** A refresh: the presented token's hash, its successor's, and how to keep the successor. */
export interface RefreshRotation {
  presentedHash: Buffer;
  nextHash: Buffer;
  /** How long the successor is handed out again to the presented token; 0 = never. */
  reuseIntervalSeconds: number;
  /** Seals the successor pair once the session is known (called only with an interval). */
  sealSuccessor(session: { sessionId: string; userId: string }): Buffer;
}

/** What presenting a refresh token led to. */
export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; user: UserRow }
  /** Already rotated within the reuse interval: the successor it got then, still sealed. */
  | { kind: 'repeated'; sessionId: string; user: UserRow; successorSealed: Buffer }
  | { kind: 'reused' }
  | { kind: 'invalid' };

// Primary-key lookup on every authenticated request.
const IS_ACTIVE = statement(
  'sessions_is_active',
  `SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
);

// A revoked session's sealed successors go at once: nothing of it may be handed out again.
const REVOKE = statement(
  'sessions_revoke',
  `WITH s AS (
     UPDATE sessions SET revoked_at = now(), revoked_reason = $2
      WHERE id = $1 AND revoked_at IS NULL RETURNING id
   )
   UPDATE used_refresh_tokens SET successor_sealed = NULL
    WHERE session_id IN (SELECT id FROM s) AND successor_sealed IS NOT NULL`,
);

// Locks the session whose current refresh token this is. A concurrent refresh with the same
// token waits here, then finds the hash changed (READ COMMITTED re-check) and no row.
const LOCK_BY_CURRENT_REFRESH_TOKEN = statement(
  'sessions_lock_by_refresh_token',
  `SELECT id, user_id, revoked_at IS NULL AND expires_at > now() AS is_active
     FROM sessions WHERE refresh_token_hash = $1
      FOR UPDATE`,
);

// The sealed successor only while the reuse interval runs (the clock is the database's, the same
// for every instance); with it the user, for the repeated answer.
const FIND_USED_REFRESH_TOKEN = statement(
  'used_refresh_tokens_find',
  `SELECT t.session_id, s.revoked_at IS NULL AND s.expires_at > now() AS is_active,
          CASE WHEN t.reuse_until > now() THEN t.successor_sealed END AS successor_sealed,
          ${USER_COLUMNS}
     FROM used_refresh_tokens t
     JOIN sessions s ON s.id = t.session_id
     JOIN users u ON u.id = s.user_id
    WHERE t.token_hash = $1`,
);

const ROTATE_REFRESH_TOKEN = statement(
  'sessions_rotate_refresh_token',
  `WITH used AS (
     INSERT INTO used_refresh_tokens (token_hash, session_id, reuse_until, successor_sealed)
     VALUES ($1, $3, CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END, $5)
   ), s AS (
     UPDATE sessions SET refresh_token_hash = $2 WHERE id = $3 RETURNING user_id
   )
   SELECT ${USER_COLUMNS} FROM s JOIN users u ON u.id = s.user_id`,
);

// One batch of dead sessions: expired or revoked more than $1 days ago. Sessions are inserted in
// expiry order (one TTL for all), so the scan finds them first; SKIP LOCKED lets instances that
// purge at the same time share the work instead of waiting on each other. Used refresh tokens go
// with their session (ON DELETE CASCADE).
const PURGE_DEAD_SESSIONS = statement(
  'sessions_purge_dead',
  `DELETE FROM sessions WHERE id IN (
     SELECT id FROM sessions
      WHERE expires_at < now() - make_interval(days => $1)
         OR revoked_at < now() - make_interval(days => $1)
      LIMIT $2
      FOR UPDATE SKIP LOCKED)`,
);

// Sealed successors whose reuse interval is over: never readable again (the lookup already
// ignores them; this removes the ciphertext too).
const CLEAR_EXPIRED_SUCCESSORS = statement(
  'used_refresh_tokens_clear_successors',
  `UPDATE used_refresh_tokens SET successor_sealed = NULL
    WHERE successor_sealed IS NOT NULL AND reuse_until <= now()`,
);

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  /** Deletes one batch of sessions dead for more than `retentionDays`; returns how many. */
  async purgeDead(retentionDays: number, batchSize: number): Promise<number> {
    return this.db.execute(PURGE_DEAD_SESSIONS, [retentionDays, batchSize]);
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    return (await this.db.query(IS_ACTIVE, [sessionId, userId])).length === 1;
  }

  async revoke(sessionId: string, reason: 'logout' | 'refresh_token_reused'): Promise<void> {
    await this.db.query(REVOKE, [sessionId, reason]);
  }

  /**
   * Rotates a refresh token: the presented one becomes a used one, keeping its sealed successor
   * for the reuse interval, and `nextHash` the session's current one. A used token presented
   * again within its interval gets that successor back (`repeated`: a retry after a lost answer,
   * parallel refreshes, which wait here on the row lock). Later, it means someone replayed it (a
   * stolen copy): the whole session is revoked (RFC 9700 §4.14.2). Tokens of a revoked or
   * expired session are invalid.
   */
  async rotateRefreshToken(rotation: RefreshRotation): Promise<RefreshOutcome> {
    const { presentedHash, nextHash, reuseIntervalSeconds } = rotation;
    return this.db.transaction(async (tx) => {
      const [session] = await tx.query<{ id: string; user_id: string; is_active: boolean }>(
        LOCK_BY_CURRENT_REFRESH_TOKEN,
        [presentedHash],
      );
      if (session === undefined) {
        const [used] = await tx.query<
          UserRow & { session_id: string; is_active: boolean; successor_sealed: Buffer | null }
        >(FIND_USED_REFRESH_TOKEN, [presentedHash]);
        if (used === undefined || !used.is_active) return { kind: 'invalid' };
        if (used.successor_sealed !== null) {
          const { session_id: sessionId, is_active: _, successor_sealed, ...user } = used;
          return { kind: 'repeated', sessionId, user, successorSealed: successor_sealed };
        }
        await tx.query(REVOKE, [used.session_id, 'refresh_token_reused']);
        return { kind: 'reused' };
      }
      if (!session.is_active) return { kind: 'invalid' };
      const sealed =
        reuseIntervalSeconds > 0
          ? rotation.sealSuccessor({ sessionId: session.id, userId: session.user_id })
          : null;
      const [user] = await tx.query<UserRow>(ROTATE_REFRESH_TOKEN, [
        presentedHash,
        nextHash,
        session.id,
        reuseIntervalSeconds,
        sealed,
      ]);
      if (user === undefined) return { kind: 'invalid' };
      return { kind: 'rotated', sessionId: session.id, user };
    });
  }

  /** Erases sealed successors whose reuse interval is over; returns how many. */
  async clearExpiredSuccessors(): Promise<number> {
    return this.db.execute(CLEAR_EXPIRED_SUCCESSORS, []);
  }
}
