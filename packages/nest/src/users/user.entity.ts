import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A person as seen by one mini-program: keyed by (app_id, openid). `unionid` links the same person
 * across apps when WeChat gives one. The WeChat session_key lives here, AES-256-GCM encrypted
 * (see session-key-vault.ts), with the previous key kept for a short grace window.
 */
@Entity('users')
@Unique('uq_users_app_openid', ['appId', 'openid'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'app_id', type: 'varchar', length: 32 })
  appId: string;

  @Column({ type: 'varchar', length: 128 })
  openid: string;

  @Index('ix_users_unionid', { where: '"unionid" IS NOT NULL' })
  @Column({ type: 'varchar', length: 128, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nickname: string | null;

  @Column({ name: 'avatar_url', type: 'varchar', length: 1024, nullable: true })
  avatarUrl: string | null;

  @Column({ name: 'phone_number', type: 'varchar', length: 32, nullable: true })
  phoneNumber: string | null;

  @Column({ name: 'pure_phone_number', type: 'varchar', length: 32, nullable: true })
  purePhoneNumber: string | null;

  @Column({ name: 'country_code', type: 'varchar', length: 8, nullable: true })
  countryCode: string | null;

  @Column({ name: 'session_key_enc', type: 'bytea' })
  sessionKeyEnc: Buffer;

  /** HMAC of the plaintext key: tells "WeChat returned the same key again" without decrypting. */
  @Column({ name: 'session_key_fingerprint', type: 'bytea' })
  sessionKeyFingerprint: Buffer;

  @Column({ name: 'previous_session_key_enc', type: 'bytea', nullable: true })
  previousSessionKeyEnc: Buffer | null;

  /** When the current key replaced the previous one. */
  @Column({ name: 'session_key_rotated_at', type: 'timestamptz' })
  sessionKeyRotatedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
