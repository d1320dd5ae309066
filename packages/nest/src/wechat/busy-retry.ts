import { setTimeout as sleep } from 'node:timers/promises';
import { WX_ERRCODE } from '@wxlogin/wechat-protocol';
import { WechatApiError } from './wechat.errors';

/** Retries after WeChat's -1 ("system busy"), with these pauses; then gives up. */
const BUSY_BACKOFF_MS = [100, 300];

/**
 * Runs a WeChat call, repeating it only when WeChat answered -1: then it certainly did not act
 * on it. Timeouts and connection errors are never repeated here, because WeChat may have consumed
 * a one-time code already (a second try would come back 40163). The last error is rethrown as is.
 */
export async function withBusyRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const pause = BUSY_BACKOFF_MS[retry];
      const isBusy = error instanceof WechatApiError && error.errcode === WX_ERRCODE.SYSTEM_BUSY;
      if (!isBusy || pause === undefined) throw error;
      await sleep(pause);
    }
  }
}
