import { Button, Form, Input, Text, View, type BaseEventOrig } from '@tarojs/components';
import { UpdateProfileRequest } from '@wxlogin/contracts';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { auth, userMessageOf } from '../../auth';
import { useAuthUser } from '../../auth/use-auth-user';
import { UserAvatar } from '../../components/user-avatar';
import { flag } from '../../utils/flag';
import { toast } from '../../components/toast';
import './index.scss';

/**
 * 资料: avatar via `chooseAvatar` (uploaded to the API) and nickname via `<Input type="nickname">`.
 * The nickname is read from the form submit, not from blur: WeChat's content check may clear a
 * rejected nickname asynchronously after blur, and the submit sees the value it left.
 */
export default function ProfilePage() {
  const user = useAuthUser();
  const [saving, setSaving] = useState(false);

  // WeChat's chooseAvatar detail is `{ avatarUrl }`, a temporary local file; Taro leaves it untyped.
  async function uploadAvatar({ detail }: BaseEventOrig<unknown>) {
    const avatarUrl = (detail as { avatarUrl?: unknown } | null)?.avatarUrl;
    if (typeof avatarUrl !== 'string' || !avatarUrl) return;
    void Taro.showLoading({ title: '上传中' });
    try {
      await auth.uploadAvatar(avatarUrl);
      toast('头像已更新');
    } catch (error) {
      toast(userMessageOf(error));
    } finally {
      void Taro.hideLoading();
    }
  }

  async function save(values: Record<string, unknown> | undefined) {
    const nickname = values?.nickname;
    const request = UpdateProfileRequest.safeParse({
      nickname: typeof nickname === 'string' ? nickname : '',
    });
    if (!request.success || request.data.nickname === undefined) {
      toast('昵称需为 1–32 个字符');
      return;
    }
    setSaving(true);
    try {
      await auth.updateNickname(request.data.nickname);
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
      <Form onSubmit={(event) => void save(event.detail.value)}>
        <View className="card">
          <Button
            className="profile-avatar-button"
            openType="chooseAvatar"
            onChooseAvatar={(event: BaseEventOrig<unknown>) => void uploadAvatar(event)}
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
          />
        </View>
        <View className="profile-save">
          <Button type="primary" formType="submit" loading={flag(saving)} disabled={flag(saving)}>
            保存
          </Button>
        </View>
      </Form>
    </View>
  );
}
