import { Button, Text, View } from '@tarojs/components';
import { useSyncExternalStore } from 'react';
import {
  AGREE_BUTTON_ID,
  answerPrivacyConsent,
  isPrivacySheetShown,
  subscribeToPrivacyConsent,
} from '../privacy/privacy-consent';
import { showPrivacyPolicy } from './agreement-links';

/**
 * The app's consent sheet for WeChat's privacy guide. 同意 is an `agreePrivacyAuthorization`
 * button, so WeChat itself records the consent before the pending request is resolved.
 */
export function PrivacyConsentSheet() {
  const shown = useSyncExternalStore(subscribeToPrivacyConsent, isPrivacySheetShown);
  if (!shown) return null;
  return (
    <View className="privacy-sheet-mask">
      <View className="privacy-sheet">
        <Text className="privacy-sheet-title">用户隐私保护提示</Text>
        <View className="privacy-sheet-text">
          <Text>使用手机号登录、设置头像和昵称前，请阅读并同意</Text>
          <Text className="link" onClick={showPrivacyPolicy}>
            《隐私政策》
          </Text>
        </View>
        <View className="privacy-sheet-actions">
          <Button onClick={() => answerPrivacyConsent(false)}>拒绝</Button>
          <Button
            id={AGREE_BUTTON_ID}
            type="primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacyConsent(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
