import { Inject } from '@nestjs/common';
import { WECHAT_API_BASE_URL } from '@wxlogin/wechat-protocol';
import type { WxLoginLogger } from '../common/logger';

/** A WeChat mini-program the module serves: its AppID and AppSecret. */
export interface WxApp {
  readonly appId: string;
  readonly secret: string;
}

/**
 * What a host passes to `WxLoginModule.forRoot` (or returns from `forRootAsync`'s factory).
 * Optional settings take {@link WXLOGIN_DEFAULTS}; everything is validated once, at boot.
 */
export interface WxLoginOptions {
  /** The mini-programs served; a login without `appId` is for the first. */
  readonly apps: readonly WxApp[];
  /** HMAC key of the access tokens (HS256), at least 32 bytes. */
  readonly jwtSecret: string | Buffer;
  /** Encrypts session_key (and other sealed values) at rest: 32 bytes, or their base64. */
  readonly sessionKeyEncryptionKey: string | Buffer;
  /** Where clients reach the host, http(s), for the avatar URLs the module hands out. */
  readonly publicBaseUrl: string;
  /** Seconds an access token lives (30–86400). */
  readonly accessTokenTtlSeconds?: number;
  /** Seconds a session lives from its login; refreshing does not extend it (300–365 days). */
  readonly refreshTokenTtlSeconds?: number;
  /**
   * Seconds during which a rotated refresh token presented again gets the same successor pair
   * instead of revoking its session (a retry after a lost answer); 0 = never (0–300).
   */
  readonly refreshReuseIntervalSeconds?: number;
  /** Seconds after a session_key rotation that open data of the previous key is accepted. */
  readonly sessionKeyGraceSeconds?: number;
  /** WeChat's server API (or a simulator), http(s). */
  readonly wechatApiBaseUrl?: string;
  /** Timeout of each call to WeChat, in ms (100–60000). */
  readonly wechatTimeoutMs?: number;
  /** Per client IP on login and refresh (one budget for both), per minute. */
  readonly rateLimitPerMinute?: number;
  /**
   * A Redis shared by the host's instances (`redis://` or `rediss://`): one rate-limit budget
   * per client across them, and a login code exchanged with WeChat once. Unset: per process.
   */
  readonly redisUrl?: string;
  /** Bound on connecting to that Redis and on each command, in ms; past it, per process. */
  readonly redisTimeoutMs?: number;
  /** Sessions dead (expired or revoked) longer than this are deleted, in days. */
  readonly sessionRetentionDays?: number;
  /** How often each instance deletes them, in seconds; 0 = never (run it elsewhere). */
  readonly sessionPurgeIntervalSeconds?: number;
  /** Where the module logs; default: Nest's `Logger`. */
  readonly logger?: WxLoginLogger;
}

/** The value each optional setting of {@link WxLoginOptions} takes when not given. */
export const WXLOGIN_DEFAULTS = {
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 86400,
  refreshReuseIntervalSeconds: 20,
  sessionKeyGraceSeconds: 300,
  wechatApiBaseUrl: WECHAT_API_BASE_URL,
  wechatTimeoutMs: 5000,
  rateLimitPerMinute: 120,
  redisTimeoutMs: 500,
  sessionRetentionDays: 30,
  sessionPurgeIntervalSeconds: 3600,
} as const;

/** The options once validated, defaults filled in and secrets as bytes: what the parts read. */
export interface WxLoginSettings {
  readonly apps: readonly WxApp[];
  readonly jwtSecret: Buffer;
  readonly sessionKeyEncryptionKey: Buffer;
  readonly publicBaseUrl: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly refreshReuseIntervalSeconds: number;
  readonly sessionKeyGraceSeconds: number;
  readonly wechatApiBaseUrl: string;
  readonly wechatTimeoutMs: number;
  readonly rateLimitPerMinute: number;
  readonly redisUrl: string | undefined;
  readonly redisTimeoutMs: number;
  readonly sessionRetentionDays: number;
  readonly sessionPurgeIntervalSeconds: number;
}

export const WXLOGIN_SETTINGS = Symbol('WXLOGIN_SETTINGS');

/** Injects the validated {@link WxLoginSettings}. */
export const InjectSettings = () => Inject(WXLOGIN_SETTINGS);
