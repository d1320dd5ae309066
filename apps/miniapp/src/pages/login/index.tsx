import { Button, Checkbox, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  developerProblemOf,
  type LoginPhase,
  type PhoneEventDetail,
  phoneLoginMessage,
  useLogin,
  userMessageOf,
} from '@wxlogin/taro';
import { useState } from 'react';
import { showPrivacyPolicy, showUserAgreement } from '../../components/agreement-links';
import { PhoneLoginButton } from '../../components/phone-login-button';
import { PrivacyConsentSheet } from '../../components/privacy-consent-sheet';
import { toast } from '../../components/toast';
import { askForPrivacyConsent } from '../../privacy/privacy-consent';
import './index.scss';

/** What the phone button says in each phase but `failed`, which shows a card instead. */
const BUTTON_LABELS: Record<Exclude<LoginPhase['name'], 'failed'>, string> = {
  'signing-in': '正在登录…',
  ready: '手机号快捷登录',
  binding: '正在验证…',
};

/** 我的; `from=login` has it greet the user (a toast shown here would go with this page). */
function openMePage(fromLogin = false) {
  void Taro.reLaunch({ url: fromLogin ? '/pages/me/index?from=login' : '/pages/me/index' });
}

/** 登录: silent login on arrival, then 手机号快捷登录 once the agreement is ticked. */
export default function LoginPage() {
  // After an explicit logout the user stays here even if WeChat still knows their phone number.
  const cameFromLogout = useRouter().params.from === 'logout';
  const [agreed, setAgreed] = useState(false);
  const { phase, retry, bindPhone } = useLogin({
    onSignedIn(user) {
      if (!user.phoneNumber || cameFromLogout) return 'staying';
      openMePage();
      return 'leaving';
    },
  });

  async function handlePhoneEvent(detail: PhoneEventDetail) {
    try {
      const outcome = await bindPhone(detail);
      if (outcome.kind === 'bound') {
        openMePage(true);
        return;
      }
      const developerProblem = developerProblemOf(outcome);
      if (developerProblem) console.error(`[wxlogin] ${developerProblem}`);
      if (outcome.kind === 'privacy-required') askForPrivacyConsent();
      else toast(phoneLoginMessage(outcome));
    } catch (error) {
      toast(userMessageOf(error));
    }
  }

  return (
    <View className="page-root login-page">
      <Text className="login-title">欢迎使用 wxlogin</Text>
      <Text className="login-subtitle muted">使用微信绑定的手机号一键登录</Text>
      {phase.name === 'failed' ? (
        // No answer: the whole card retries. An answer: its message, and a 重试 button unless
        // the catalogue says retrying cannot help.
        <View className="card login-failure" onClick={phase.failure.answered ? undefined : retry}>
          <Text>{phase.failure.message}</Text>
          {phase.failure.answered && phase.failure.canRetry && (
            <Button className="login-retry" size="mini" onClick={retry}>
              重试
            </Button>
          )}
        </View>
      ) : (
        <PhoneLoginButton
          agreed={agreed}
          busy={phase.name !== 'ready'}
          disabled={phase.name !== 'ready'}
          label={BUTTON_LABELS[phase.name]}
          onNeedAgreement={() => toast('请先阅读并勾选同意《用户协议》和《隐私政策》')}
          onPhoneEvent={(detail) => void handlePhoneEvent(detail)}
        />
      )}
      <View className="agreement">
        {/* A tap anywhere on the box or its text toggles it: no Label or CheckboxGroup, whose
            templates alone would add 3 KB to the package. */}
        <View className="agreement-label" onClick={() => setAgreed((was) => !was)}>
          <Checkbox className="agreement-checkbox" value="agreed" checked={agreed} />
          <Text className="muted">我已阅读并同意</Text>
        </View>
        <Text className="link" onClick={showUserAgreement}>
          《用户协议》
        </Text>
        <Text className="muted">和</Text>
        <Text className="link" onClick={showPrivacyPolicy}>
          《隐私政策》
        </Text>
      </View>
      <PrivacyConsentSheet />
    </View>
  );
}
