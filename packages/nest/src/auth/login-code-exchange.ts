import { createHash, createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ErrorCode } from '@wxlogin/contracts';
import { InjectSettings, type WxApp, type WxLoginSettings } from '../options/wxlogin-options';
import { open, seal } from '../common/aead';
import { ApiError } from '../common/api-error';
import { SharedRedis } from '../redis/shared-redis';
import type { WechatSession } from '../wechat/wechat-session';
import { WechatService } from '../wechat/wechat.service';

/**
 * How long a settled exchange stays shareable: enough for a retry of a response lost on the way
 * back, short enough that a code replayed later is refused by WeChat (40163) as it would be
 * without us. Outcomes are kept between one and two of these.
 */
export const LATE_TAP_GRACE_MS = 2_000;

/** How long another instance's settled outcome is kept in Redis: the in-process upper bound. */
const SHARED_OUTCOME_TTL_MS = 2 * LATE_TAP_GRACE_MS;
/** A waiting instance looks at the shared entry this often. */
const POLL_EVERY_MS = 20;
/** Beyond `wechatTimeoutMs`, how long a waiting instance gives the exchanging one. */
const WAIT_MARGIN_MS = 1_000;
/** `jscode2session` is tried at most three times (busy-retry.ts); the claim outlives that. */
const CODE2SESSION_ATTEMPTS = 3;
/** The value of a claimed code whose exchange is under way. */
const PENDING = 'pending';

/** What the exchanging instance shares: WeChat's session (sealed) or the error code it answered. */
type SharedOutcome = { wechatSession: WechatSession } | { error: ErrorCode };

/**
 * Exchanges each login code (from `wx.login`) with WeChat's code2Session once. A double tap sends
 * the same code twice at once; WeChat would answer the second with 40163 (WxJava#1323,
 * lanceWan/wxxcx#9).
 *
 * In this process, requests for a code whose exchange is in flight share its promise; once
 * settled, the outcome (success or failure) is kept for LATE_TAP_GRACE_MS more, so a tap just
 * after does not re-send a code WeChat has consumed. Settled outcomes live in two generations
 * swapped by one timer: dropping the old one is O(1), with no per-login timer and no scan.
 *
 * Across instances (`redisUrl` set), the first instance to see a code claims it in Redis with one
 * `SET NX` — the only round trip on the first tap's path — and exchanges it; it then shares the
 * outcome there for SHARED_OUTCOME_TTL_MS without making the client wait for that write. Another
 * instance that finds the claim polls for the outcome for at most `wechatTimeoutMs` plus a margin
 * (then WX_UNAVAILABLE, retryable). The outcome holds the session_key, so it is sealed
 * (AES-256-GCM) under a key derived from `sessionKeyEncryptionKey` and the code itself: Redis
 * holds neither the code (its key is a hash) nor anything readable without the code. When Redis
 * fails, each instance exchanges on its own as without Redis (WeChat's 40163 then decides), with a
 * warn log.
 */
@Injectable()
export class LoginCodeExchange implements OnModuleDestroy {
  private readonly inFlight = new Map<string, Promise<WechatSession>>();
  private settled = new Map<string, Promise<WechatSession>>();
  private settledBefore = new Map<string, Promise<WechatSession>>();
  private readonly generations = setInterval(() => {
    this.settledBefore = this.settled;
    this.settled = new Map();
  }, LATE_TAP_GRACE_MS).unref();
  private readonly outcomeKey: Buffer;
  private readonly claimTtlMs: number;
  private readonly waitForOtherMs: number;

  constructor(
    private readonly wechat: WechatService,
    private readonly redis: SharedRedis,
    @InjectSettings() settings: WxLoginSettings,
  ) {
    this.outcomeKey = createHmac('sha256', settings.sessionKeyEncryptionKey)
      .update('login-code-outcome')
      .digest();
    this.claimTtlMs = CODE2SESSION_ATTEMPTS * settings.wechatTimeoutMs + WAIT_MARGIN_MS;
    this.waitForOtherMs = settings.wechatTimeoutMs + WAIT_MARGIN_MS;
  }

  exchange(app: WxApp, code: string): Promise<WechatSession> {
    const key = `${app.appId}\0${code}`;
    const known = this.inFlight.get(key) ?? this.settled.get(key) ?? this.settledBefore.get(key);
    if (known !== undefined) return known;
    const outcome =
      this.redis.client === undefined
        ? this.wechat.code2Session(app, code)
        : this.exchangeOnce(app, code, key);
    const settle = () => {
      this.inFlight.delete(key);
      this.settled.set(key, outcome);
    };
    outcome.then(settle, settle);
    this.inFlight.set(key, outcome);
    return outcome;
  }

  onModuleDestroy() {
    clearInterval(this.generations);
  }

  /** The exchange across instances: claim the code, or wait for the instance that did. */
  private async exchangeOnce(app: WxApp, code: string, key: string): Promise<WechatSession> {
    const client = this.redis.client;
    if (client === undefined) return this.wechat.code2Session(app, code);
    const redisKey = `wxlogin:code:${createHash('sha256').update(key).digest('hex')}`;
    let claimed: boolean;
    try {
      claimed = (await client.set(redisKey, PENDING, 'PX', this.claimTtlMs, 'NX')) === 'OK';
    } catch (error) {
      this.redis.warnUnavailable('login code guard (exchanging in this process only)', error);
      return this.wechat.code2Session(app, code);
    }
    if (!claimed) return this.outcomeOfOther(app, code, key, redisKey);
    try {
      const wechatSession = await this.wechat.code2Session(app, code);
      this.share(redisKey, code, key, { wechatSession });
      return wechatSession;
    } catch (error) {
      if (error instanceof ApiError) this.share(redisKey, code, key, { error: error.code });
      else this.release(redisKey);
      throw error;
    }
  }

  /** Polls the claim of another instance until its outcome appears, for a bounded time. */
  private async outcomeOfOther(
    app: WxApp,
    code: string,
    key: string,
    redisKey: string,
  ): Promise<WechatSession> {
    const client = this.redis.client;
    const deadline = Date.now() + this.waitForOtherMs;
    while (client !== undefined && Date.now() < deadline) {
      let value: Buffer | null;
      try {
        value = await client.getBuffer(redisKey);
      } catch (error) {
        this.redis.warnUnavailable('login code guard (exchanging in this process only)', error);
        break;
      }
      // Gone: the claim expired or its instance failed unexpectedly. WeChat decides.
      if (value === null) break;
      if (value.toString() !== PENDING) {
        const outcome = this.openOutcome(value, code, key);
        if (outcome === undefined) break;
        if ('error' in outcome) throw new ApiError(outcome.error, 'shared outcome of this code');
        return outcome.wechatSession;
      }
      await sleep(POLL_EVERY_MS);
    }
    if (Date.now() >= deadline) {
      throw new ApiError('WX_UNAVAILABLE', 'another instance is still exchanging this code');
    }
    return this.wechat.code2Session(app, code);
  }

  /** Writes the outcome for other instances; the client does not wait for it. */
  private share(redisKey: string, code: string, key: string, outcome: SharedOutcome): void {
    const sealed = seal(this.keyFor(code), JSON.stringify(outcome), key);
    this.redis.client
      ?.set(redisKey, sealed, 'PX', SHARED_OUTCOME_TTL_MS)
      .catch((error: unknown) => this.redis.warnUnavailable('login code guard (sharing)', error));
  }

  private release(redisKey: string): void {
    this.redis.client
      ?.del(redisKey)
      .catch((error: unknown) => this.redis.warnUnavailable('login code guard (release)', error));
  }

  private openOutcome(sealed: Buffer, code: string, key: string): SharedOutcome | undefined {
    try {
      return JSON.parse(open(this.keyFor(code), sealed, key)) as SharedOutcome;
    } catch (error) {
      // Another `sessionKeyEncryptionKey` on that instance: a configuration mistake.
      this.redis.warnUnavailable('login code guard (outcome does not open)', error);
      return undefined;
    }
  }

  private keyFor(code: string): Buffer {
    return createHmac('sha256', this.outcomeKey).update(code).digest();
  }
}
