import { Button, Form, Input, Text, View, type BaseEventOrig } from '@tarojs/components';
import { UpdateProfileRequest } from '@wxlogin/contracts';
import Taro from '@tarojs/taro';
import { useAuthUser, userMessageOf, useWxLogin } from '@wxlogin/taro';
import { useRef, useState } from 'react';
import { PrivacyConsentSheet } from '../../components/privacy-consent-sheet';
import { UserAvatar } from '../../components/user-avatar';
import { flag } from '../../utils/flag';
import { toast } from '../../components/toast';
import './index.scss';

/**
 * The H5 preview has neither `chooseAvatar` nor a mouse-friendly form: Taro's H5 `<Form>` submits
 * only on touchend. There the avatar comes from a file and the nickname from the field as typed
 * (saved by 保存's click or by Enter).
 */
const IN_BROWSER = process.env.TARO_ENV === 'h5';

/**
 * 资料: avatar via `chooseAvatar` (uploaded to the API) and nickname via `<Input type="nickname">`.
 * In the mini-program the nickname is read from the form submit, not from blur: WeChat's content
 * check may clear a rejected nickname asynchronously after blur, and the submit sees the value it
 * left.
 */
export default function ProfilePage() {
  const { profile } = useWxLogin();
  const user = useAuthUser();
  const [saving, setSaving] = useState(false);
  const typedNickname = useRef(user?.nickname ?? '');

  async function uploadAvatar(filePath: string) {
    void Taro.showLoading({ title: '上传中' });
    const outcome = await profile.uploadAvatar(filePath).then(() => '头像已更新', userMessageOf);
    // Loading and toast share one overlay: hiding the loading after the toast would hide both.
    void Taro.hideLoading();
    toast(outcome);
  }

  // WeChat's chooseAvatar detail is `{ avatarUrl }`, a temporary local file; Taro leaves it untyped.
  function takeChosenAvatar({ detail }: BaseEventOrig<unknown>) {
    const avatarUrl = (detail as { avatarUrl?: unknown } | null)?.avatarUrl;
    if (typeof avatarUrl === 'string' && avatarUrl) void uploadAvatar(avatarUrl);
  }

  async function chooseAvatarFile() {
    const chosen = await Taro.chooseImage({ count: 1 }).catch(() => undefined);
    const filePath = chosen?.tempFilePaths[0];
    if (filePath) await uploadAvatar(filePath);
  }

  async function save(nickname: unknown) {
    if (saving) return;
    const request = UpdateProfileRequest.safeParse({
      nickname: typeof nickname === 'string' ? nickname : '',
    });
    if (!request.success || request.data.nickname === undefined) {
      toast('昵称需为 1–32 个字符');
      return;
    }
    setSaving(true);
    try {
      await profile.updateNickname(request.data.nickname);
      toast('已保存');
      void Taro.navigateBack();
    } catch (error) {
      toast(userMessageOf(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="page-root">
      <Form onSubmit={(event) => void save(event.detail.value?.nickname)}>
        <View className="card">
          <Button
            className="profile-avatar-button"
            openType="chooseAvatar"
            onChooseAvatar={takeChosenAvatar}
            onClick={IN_BROWSER ? () => void chooseAvatarFile() : undefined}
          >
            <UserAvatar url={user?.avatarUrl ?? null} nickname={user?.nickname ?? null} />
            <Text className="profile-avatar-hint muted">点击更换头像</Text>
          </Button>
        </View>
        <View className="card profile-field">
          <Text className="profile-field-label">昵称</Text>
          <Input
            className="profile-field-input"
            type="nickname"
            name="nickname"
            defaultValue={user?.nickname ?? ''}
            maxlength={32}
            placeholder="请输入昵称"
            onInput={
              IN_BROWSER
                ? (event) => {
                    typedNickname.current = event.detail.value;
                  }
                : undefined
            }
            onConfirm={IN_BROWSER ? (event) => void save(event.detail.value) : undefined}
          />
        </View>
        <View className="profile-save">
          <Button
            type="primary"
            formType={IN_BROWSER ? undefined : 'submit'}
            onClick={IN_BROWSER ? () => void save(typedNickname.current) : undefined}
            loading={flag(saving)}
            disabled={flag(saving)}
          >
            保存
          </Button>
        </View>
      </Form>
      <PrivacyConsentSheet />
    </View>
  );
}
