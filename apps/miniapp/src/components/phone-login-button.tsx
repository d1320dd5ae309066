import { Button, type ButtonProps } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type PhoneEventDetail, useWxLogin } from '@wxlogin/taro';
import { useMemo } from 'react';
import { flag } from '../utils/flag';
import { compareVersions } from '../utils/version';

/**
 * From this base library on, one tap on the phone button also records consent to the privacy
 * guide (`open-type="getPhoneNumber|agreePrivacyAuthorization"`).
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
const COMBINED_PRIVACY_BUTTON_SINCE = '2.32.3';

function phoneOpenType(): ButtonProps['openType'] {
  if (process.env.TARO_ENV !== 'weapp') return 'getPhoneNumber';
  // getAppBaseInfo itself only exists from base library 2.25.3.
  const { SDKVersion } = Taro.canIUse('getAppBaseInfo')
    ? Taro.getAppBaseInfo()
    : Taro.getSystemInfoSync();
  return compareVersions(SDKVersion ?? '0', COMBINED_PRIVACY_BUTTON_SINCE) >= 0
    ? 'getPhoneNumber|agreePrivacyAuthorization'
    : 'getPhoneNumber';
}

interface PhoneLoginButtonProps {
  /** Whether the user ticked the agreement; until then a tap only asks for it. */
  agreed: boolean;
  busy: boolean;
  disabled: boolean;
  label: string;
  onNeedAgreement: () => void;
  onPhoneEvent: (detail: PhoneEventDetail) => void;
}

/**
 * 手机号快捷登录: WeChat's `getPhoneNumber` button. In the H5 preview, where the open type does
 * nothing, a click asks the simulator for the event the tap would have produced.
 */
export function PhoneLoginButton({
  agreed,
  busy,
  disabled,
  label,
  onNeedAgreement,
  onPhoneEvent,
}: PhoneLoginButtonProps) {
  const { phone } = useWxLogin();
  const openType = useMemo(() => phoneOpenType(), []);

  function handleTap() {
    if (!agreed) {
      onNeedAgreement();
      return;
    }
    if (phone.simulatesButton) {
      phone
        .simulateTap()
        .then(onPhoneEvent, () =>
          onPhoneEvent({ errMsg: 'getPhoneNumber:fail simulator unreachable' }),
        );
    }
  }

  return (
    <Button
      className="phone-login-button"
      type="primary"
      openType={agreed ? openType : undefined}
      loading={flag(busy)}
      disabled={flag(disabled)}
      onClick={handleTap}
      onGetPhoneNumber={(event) => onPhoneEvent(event.detail)}
    >
      {label}
    </Button>
  );
}
