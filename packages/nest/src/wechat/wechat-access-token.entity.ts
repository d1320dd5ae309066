import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The cached WeChat access_token of each app, shared by every API instance. */
@Entity('wechat_access_tokens')
export class WechatAccessTokenEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 32 })
  appId: string;

  // WeChat asks to reserve at least 512 characters.
  @Column({ name: 'access_token', type: 'varchar', length: 1024 })
  accessToken: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
