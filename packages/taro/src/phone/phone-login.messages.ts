import type { PhoneLoginOutcome } from './phone-login.js';

/** Asked after the server's WeChat login state was renewed: the earlier tap cannot be reused. */
export const RETAP_MESSAGE = '登录状态已更新，请再点一次「手机号快捷登录」';

type NotBound = Exclude<PhoneLoginOutcome, { kind: 'bound' }>;

/** What to tell the user after a phone-button tap that did not sign them in. */
export function phoneLoginMessage(outcome: NotBound): string {
  switch (outcome.kind) {
    case 'retap':
      return RETAP_MESSAGE;
    case 'denied':
      return '你已取消手机号授权，可随时再次点击登录';
    case 'quota-exhausted':
      return '手机号快捷登录暂时不可用，请稍后再试';
    case 'privacy-required':
      return '请先阅读并同意隐私保护指引，再使用手机号快捷登录';
    // The user cannot fix either: say the feature is not available in this version.
    case 'privacy-undeclared':
    case 'no-permission':
      return '当前版本暂不支持手机号快捷登录';
    case 'failed':
      return '获取手机号失败，请重试';
  }
}

const DEVELOPER_PROBLEMS: Partial<Record<NotBound['kind'], string>> = {
  'privacy-undeclared':
    'getPhoneNumber errno 112: declare 手机号 in 用户隐私保护指引 (mp.weixin.qq.com → 设置 → 服务内容声明) and release again. https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html',
  'no-permission':
    'getPhoneNumber:fail no permission: the phone button needs a verified (微信认证), non-personal mini-program. https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html',
};

/**
 * What the developer must change when a tap failed because of how the app is set up (logged with
 * `console.error`, never shown to the user), or `undefined` for the user's own outcomes.
 */
export function developerProblemOf(outcome: NotBound): string | undefined {
  return DEVELOPER_PROBLEMS[outcome.kind];
}
