import { Injectable } from '@nestjs/common';
import type { WxApp } from '../config/app-config';
import { type WechatSession, WechatService } from '../wechat/wechat.service';

/** How long the outcome of one code exchange is kept for a second tap that arrives late. */
const KEEP_OUTCOME_MS = 10_000;

/**
 * Exchanges each login code with WeChat once per process. A double tap sends the same code twice
 * at once; WeChat would answer the second with 40163 (WxJava#1323, lanceWan/wxxcx#9). Both
 * requests share the first exchange's promise, and its outcome (success or failure) is kept for
 * a few seconds for a tap that arrives just after. Across instances WeChat's 40163 decides
 * (WX_CODE_USED). Codes live 5 minutes at most, so nothing is kept for long.
 */
@Injectable()
export class CodeExchange {
  private readonly outcomes = new Map<string, Promise<WechatSession>>();

  constructor(private readonly wechat: WechatService) {}

  exchange(app: WxApp, code: string): Promise<WechatSession> {
    const key = `${app.appId}\0${code}`;
    const pending = this.outcomes.get(key);
    if (pending !== undefined) return pending;
    const outcome = this.wechat.code2Session(app, code);
    this.outcomes.set(key, outcome);
    const forget = () => {
      setTimeout(() => this.outcomes.delete(key), KEEP_OUTCOME_MS).unref();
    };
    outcome.then(forget, forget);
    return outcome;
  }
}
