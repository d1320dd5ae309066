import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { WxApp } from '../config/app-config';
import { type WechatSession, WechatService } from '../wechat/wechat.service';

/**
 * How long a settled exchange stays shareable: enough for a retry of a response lost on the way
 * back, short enough that a code replayed later is refused by WeChat (40163) as it would be
 * without us. Outcomes are kept between one and two of these.
 */
export const LATE_TAP_GRACE_MS = 2_000;

/**
 * Exchanges each login code with WeChat once per process. A double tap sends the same code twice
 * at once; WeChat would answer the second with 40163 (WxJava#1323, lanceWan/wxxcx#9). Requests
 * for a code whose exchange is in flight share its promise; once settled, the outcome (success or
 * failure) is kept for LATE_TAP_GRACE_MS more, so a tap just after does not re-send a code WeChat
 * has consumed. Across instances WeChat's 40163 decides (WX_CODE_USED).
 *
 * Settled outcomes live in two generations swapped by one timer: dropping the old one is O(1),
 * with no per-login timer and no scan of the map on the login hot path.
 */
@Injectable()
export class CodeExchange implements OnModuleDestroy {
  private readonly inFlight = new Map<string, Promise<WechatSession>>();
  private settled = new Map<string, Promise<WechatSession>>();
  private settledBefore = new Map<string, Promise<WechatSession>>();
  private readonly generations = setInterval(() => {
    this.settledBefore = this.settled;
    this.settled = new Map();
  }, LATE_TAP_GRACE_MS).unref();

  constructor(private readonly wechat: WechatService) {}

  exchange(app: WxApp, code: string): Promise<WechatSession> {
    const key = `${app.appId}\0${code}`;
    const known = this.inFlight.get(key) ?? this.settled.get(key) ?? this.settledBefore.get(key);
    if (known !== undefined) return known;
    const outcome = this.wechat.code2Session(app, code);
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
}
