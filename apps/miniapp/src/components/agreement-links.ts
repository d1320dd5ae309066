import Taro from '@tarojs/taro';

/** 《用户协议》: short enough to show in a dialog. */
export function showUserAgreement(): void {
  void Taro.showModal({
    title: '用户协议',
    content:
      '本小程序使用你的微信身份完成登录；你授权的手机号仅用于账号识别与登录，不会向第三方提供。你可以随时在「我的」页面退出登录。',
    showCancel: false,
    confirmText: '知道了',
  });
}

/**
 * 《隐私政策》: the privacy guide registered with WeChat (`openPrivacyContract`, base library
 * ≥ 2.32.3), else our own summary — below that version, on failure, and outside WeChat.
 */
export function showPrivacyPolicy(): void {
  if (process.env.TARO_ENV === 'weapp' && Taro.canIUse('openPrivacyContract')) {
    Taro.openPrivacyContract({ fail: showPrivacySummary });
    return;
  }
  showPrivacySummary();
}

function showPrivacySummary(): void {
  void Taro.showModal({
    title: '隐私政策',
    content:
      '我们收集：微信登录标识（由服务器保管）、你授权的手机号、你填写的昵称与头像。这些信息仅用于登录和展示你的资料。',
    showCancel: false,
    confirmText: '知道了',
  });
}
