import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * A refresh token that was already exchanged, stored only as its SHA-256. Presenting it again
 * within `refreshReuseIntervalSeconds` of its rotation (a client retrying after a lost answer,
 * parallel refreshes) hands out the same successor again, from `successor_sealed`; later it is
 * reuse (a stolen copy) and revokes its whole session.
 */
@Entity('used_refresh_tokens')
export class UsedRefreshTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Index('ix_used_refresh_tokens_session')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_used_refresh_tokens_session' })
  session?: SessionEntity;

  @Column({ name: 'used_at', type: 'timestamptz', default: () => 'now()' })
  usedAt: Date;

  /** End of the reuse interval; NULL when the interval was off at rotation. */
  @Column({ name: 'reuse_until', type: 'timestamptz', nullable: true })
  reuseUntil: Date | null;

  /**
   * The successor pair, sealed under a key that needs the presented token itself
   * (auth/refresh-successor.sealer.ts); cleared when the session is revoked or purged.
   */
  @Column({ name: 'successor_sealed', type: 'bytea', nullable: true })
  successorSealed: Buffer | null;
}
