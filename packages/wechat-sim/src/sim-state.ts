import { ANONYMOUS_NICKNAME, WECHAT_LIMITS } from '@wxlogin/wechat-protocol';
import { generateSessionKey } from '@wxlogin/wxcrypto';
import { AccessTokenStore } from './access-token.store';
import { makeLoginCode, makePhoneCode, OneTimeCodeStore } from './one-time-code.store';
import {
  DEV_APP,
  type SessionKeyRotation,
  type SimAppConfig,
  type SimulatorOptions,
} from './sim-config';
import { SimClock } from './sim-clock';
import { SimFaults } from './sim-faults';
import { deriveDefaultPhone, deriveOpenId, deriveUnionId } from './sim-identity';
import { SimulatorError } from './simulator.error';

const DEFAULT_SESSION_KEY_LIFETIME_MS = 3 * 24 * 3_600_000;
const DEFAULT_KEEP_FRESH_MS = 5 * 60_000;
const DEFAULT_SEED = 1;
const DEFAULT_COUNTRY_CODE = '86';

/** One person in one app. */
export interface SimUser {
  readonly appId: string;
  readonly userId: string;
  readonly openid: string;
  readonly unionid: string | undefined;
  /** National number without country code (WeChat's purePhoneNumber). */
  phoneNumber: string;
  countryCode: string;
  nickName: string;
  /** The one valid session_key of this user in this app, if a login ever minted one. */
  sessionKey: string | undefined;
  keyRotatedAt: number;
  keyExpiresAt: number;
  quotaMinute: number;
  quotaUsed: number;
}

/** What a phone code stands for: the user and the number they agreed to share, as shared. */
export interface PhoneGrant {
  readonly user: SimUser;
  readonly purePhoneNumber: string;
  readonly countryCode: string;
  readonly phoneNumber: string;
  readonly timestamp: number;
}

/**
 * All mutable state of one simulator, shared by its client side ({@link Simulator}) and its
 * server side ({@link WeChatServer}).
 */
export class SimState {
  readonly apps: ReadonlyMap<string, SimAppConfig>;
  readonly clock: SimClock;
  readonly faults: SimFaults;
  readonly tokens = new AccessTokenStore();
  // wx.login codes and phone codes both live 5 minutes and are single-use.
  readonly loginCodes = new OneTimeCodeStore<SimUser>(
    WECHAT_LIMITS.oneTimeCodeTtlMs,
    makeLoginCode,
  );
  readonly phoneCodes = new OneTimeCodeStore<PhoneGrant>(
    WECHAT_LIMITS.oneTimeCodeTtlMs,
    makePhoneCode,
  );
  rotation: SessionKeyRotation;

  private readonly initialRotation: SessionKeyRotation;
  private readonly sessionKeyLifetimeMs: number;
  private readonly keepFreshMs: number;
  private readonly perUserMinuteQuota: number;
  private readonly users = new Map<string, SimUser>();
  private readonly usersByOpenId = new Map<string, SimUser>();
  private readonly calls = new Map<string, number>();

  constructor(options: SimulatorOptions) {
    this.apps = indexApps(options.apps ?? [DEV_APP]);
    this.initialRotation = options.rotation ?? 'always';
    this.rotation = this.initialRotation;
    this.clock = new SimClock(options.startTime ?? Date.now(), options.freezeClock ?? false);
    this.faults = new SimFaults(options.seed ?? DEFAULT_SEED);
    this.sessionKeyLifetimeMs = positive(
      'sessionKeyLifetimeMs',
      options.sessionKeyLifetimeMs ?? DEFAULT_SESSION_KEY_LIFETIME_MS,
    );
    this.keepFreshMs = atLeastZero('keepFreshMs', options.keepFreshMs ?? DEFAULT_KEEP_FRESH_MS);
    this.perUserMinuteQuota = atLeastZero(
      'perUserMinuteQuota',
      options.perUserMinuteQuota ?? WECHAT_LIMITS.code2SessionPerUserPerMinute,
    );
  }

  count(path: string): void {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  requireApp(appId: string): SimAppConfig {
    const app = this.apps.get(appId);
    if (app === undefined) throw new SimulatorError('UNKNOWN_APP', `unknown appId ${appId}`);
    return app;
  }

  /** The user, created on first use with its stable openid, unionid and default phone. */
  user(appId: string, userId: string): SimUser {
    const existing = this.users.get(`${appId}\n${userId}`);
    if (existing !== undefined) return existing;
    const app = this.requireApp(appId);
    if (userId.length === 0)
      throw new SimulatorError('INVALID_ARGUMENT', 'userId must not be empty');
    const user: SimUser = {
      appId,
      userId,
      openid: deriveOpenId(appId, userId),
      unionid: app.unionBound === true ? deriveUnionId(userId) : undefined,
      phoneNumber: deriveDefaultPhone(userId),
      countryCode: DEFAULT_COUNTRY_CODE,
      // What WeChat has returned as every user's profile since the 2022 profile reclamation.
      nickName: ANONYMOUS_NICKNAME,
      sessionKey: undefined,
      keyRotatedAt: 0,
      keyExpiresAt: 0,
      quotaMinute: -1,
      quotaUsed: 0,
    };
    this.users.set(`${appId}\n${userId}`, user);
    this.usersByOpenId.set(`${appId}\n${user.openid}`, user);
    return user;
  }

  findUser(appId: string, userId: string): SimUser | undefined {
    return this.users.get(`${appId}\n${userId}`);
  }

  findUserByOpenId(appId: string, openid: string): SimUser | undefined {
    return this.usersByOpenId.get(`${appId}\n${openid}`);
  }

  hasValidSessionKey(user: SimUser): boolean {
    return user.sessionKey !== undefined && this.clock.now() < user.keyExpiresAt;
  }

  /** What wx.login does to the session_key, under the current rotation policy. */
  rotateOnLogin(user: SimUser): void {
    const now = this.clock.now();
    const keepsKey =
      this.rotation === 'keep-while-fresh' &&
      this.hasValidSessionKey(user) &&
      now - user.keyRotatedAt < this.keepFreshMs;
    if (!keepsKey) this.mintSessionKey(user, now);
  }

  /** The user's valid session_key; a new one when it never existed or has expired. */
  currentSessionKey(user: SimUser): string {
    if (user.sessionKey === undefined || !this.hasValidSessionKey(user)) {
      return this.mintSessionKey(user, this.clock.now());
    }
    return user.sessionKey;
  }

  /** resetUserSessionKey: a new key that inherits the old expiry (reset is not renewal). */
  replaceSessionKey(user: SimUser): string {
    const key = generateSessionKey();
    user.sessionKey = key;
    user.keyRotatedAt = this.clock.now();
    return key;
  }

  /** Takes one call from the user's jscode2session minute quota; false when it is used up. */
  takeMinuteQuota(user: SimUser): boolean {
    if (this.perUserMinuteQuota === 0) return true;
    const minute = Math.floor(this.clock.now() / 60_000);
    if (user.quotaMinute !== minute) {
      user.quotaMinute = minute;
      user.quotaUsed = 0;
    }
    if (user.quotaUsed >= this.perUserMinuteQuota) return false;
    user.quotaUsed += 1;
    return true;
  }

  reset(): void {
    this.users.clear();
    this.usersByOpenId.clear();
    this.calls.clear();
    this.loginCodes.clear();
    this.phoneCodes.clear();
    this.tokens.clear();
    this.faults.reset();
    this.clock.reset();
    this.rotation = this.initialRotation;
  }

  private mintSessionKey(user: SimUser, now: number): string {
    const key = generateSessionKey();
    user.sessionKey = key;
    user.keyRotatedAt = now;
    user.keyExpiresAt = now + this.sessionKeyLifetimeMs;
    return key;
  }
}

function indexApps(apps: readonly SimAppConfig[]): Map<string, SimAppConfig> {
  if (apps.length === 0) throw new SimulatorError('INVALID_ARGUMENT', 'at least one app is needed');
  const byId = new Map<string, SimAppConfig>();
  for (const app of apps) {
    if (app.appId.length === 0 || app.secret.length === 0) {
      throw new SimulatorError('INVALID_ARGUMENT', 'every app needs a non-empty appId and secret');
    }
    if (byId.has(app.appId)) {
      throw new SimulatorError('INVALID_ARGUMENT', `app ${app.appId} is configured twice`);
    }
    byId.set(app.appId, { ...app });
  }
  return byId;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a positive number, got ${value}`);
  }
  return value;
}

function atLeastZero(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a number >= 0, got ${value}`);
  }
  return value;
}
