import type { PhoneLoginOutcome } from './auth.client';

/** Asked after the server's WeChat login state was renewed: the earlier tap cannot be reused. */
export const RETAP_MESSAGE = '登录状态已更新，请再点一次「手机号快捷登录」';

/** What to tell the user after a phone-button tap that did not sign them in. */
export function phoneLoginMessage(outcome: Exclude<PhoneLoginOutcome, { kind: 'bound' }>): string {
  switch (outcome.kind) {
    case 'retap':
      return RETAP_MESSAGE;
    case 'denied':
      return '你已取消手机号授权，可随时再次点击登录';
    case 'quota-exhausted':
      return '手机号快捷登录暂时不可用，请稍后再试';
    case 'privacy-required':
      return '请先阅读并同意《隐私政策》，再使用手机号快捷登录';
    case 'failed':
      return '获取手机号失败，请重试';
  }
}
