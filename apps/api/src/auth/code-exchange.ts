import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { WxApp } from '../config/app-config';
import { type WechatSession, WechatService } from '../wechat/wechat.service';

/** How long the outcome of one code exchange is kept for a second tap that arrives late. */
const KEEP_OUTCOME_MS = 10_000;

interface Exchange {
  readonly outcome: Promise<WechatSession>;
  settledAt: number | undefined;
}

/**
 * Exchanges each login code with WeChat once per process. A double tap sends the same code twice
 * at once; WeChat would answer the second with 40163 (WxJava#1323, lanceWan/wxxcx#9). Both
 * requests share the first exchange's promise, and its outcome (success or failure) is kept for
 * a few seconds for a tap that arrives just after. Across instances WeChat's 40163 decides
 * (WX_CODE_USED). Codes live 5 minutes at most, so nothing is kept for long.
 */
@Injectable()
export class CodeExchange implements OnModuleDestroy {
  private readonly outcomes = new Map<string, Exchange>();
  // One sweeper instead of a timer per login (the login hot path).
  private readonly sweeper = setInterval(() => this.forgetSettled(), KEEP_OUTCOME_MS).unref();

  constructor(private readonly wechat: WechatService) {}

  exchange(app: WxApp, code: string): Promise<WechatSession> {
    const key = `${app.appId}\0${code}`;
    const known = this.outcomes.get(key);
    if (known !== undefined) return known.outcome;
    const exchange: Exchange = {
      outcome: this.wechat.code2Session(app, code),
      settledAt: undefined,
    };
    const settle = () => {
      exchange.settledAt = Date.now();
    };
    exchange.outcome.then(settle, settle);
    this.outcomes.set(key, exchange);
    return exchange.outcome;
  }

  onModuleDestroy() {
    clearInterval(this.sweeper);
  }

  /** Drops outcomes settled at least KEEP_OUTCOME_MS ago (kept between KEEP and 2×KEEP). */
  private forgetSettled() {
    const cutoff = Date.now() - KEEP_OUTCOME_MS;
    for (const [key, exchange] of this.outcomes) {
      if (exchange.settledAt !== undefined && exchange.settledAt <= cutoff)
        this.outcomes.delete(key);
    }
  }
}
