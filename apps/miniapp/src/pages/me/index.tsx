import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useAuthUser, userMessageOf, useWxLogin } from '@wxlogin/taro';
import { useState } from 'react';
import { UserAvatar } from '../../components/user-avatar';
import { maskPhoneNumber } from '../../utils/mask-phone';
import { flag } from '../../utils/flag';
import { toast } from '../../components/toast';
import './index.scss';

/** 我的: avatar, nickname, masked phone number, logout. */
export default function MePage() {
  const loginClient = useWxLogin();
  const user = useAuthUser();
  const [leaving, setLeaving] = useState(false);

  // Greets here rather than on the login page: Taro's H5 build hides a toast when its page goes.
  useLoad((params: Record<string, string | undefined>) => {
    if (params.from === 'login') toast('登录成功');
  });

  useDidShow(() => {
    loginClient.profile.fetchMe().catch((error: unknown) => {
      toast(userMessageOf(error));
    });
  });

  async function logout() {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录，确定退出吗？',
      confirmText: '退出',
    });
    if (!confirm) return;
    setLeaving(true);
    // Storage is cleared even if the server cannot be told; its session then just expires.
    await loginClient.logout().catch(() => undefined);
    void Taro.reLaunch({ url: '/pages/login/index?from=logout' });
  }

  return (
    <View className="page-root">
      <View className="card me-header">
        <UserAvatar url={user?.avatarUrl ?? null} nickname={user?.nickname ?? null} />
        <View className="me-names">
          <Text className="me-nickname">{user?.nickname ?? '微信用户'}</Text>
          <Text className="me-phone muted">
            {user?.phoneNumber ? maskPhoneNumber(user.phoneNumber) : '未绑定手机号'}
          </Text>
        </View>
      </View>
      <View className="me-actions">
        <Button onClick={() => void Taro.navigateTo({ url: '/pages/profile/index' })}>
          编辑资料
        </Button>
        <Button
          className="logout-button"
          loading={flag(leaving)}
          disabled={flag(leaving)}
          onClick={() => void logout()}
        >
          退出登录
        </Button>
      </View>
    </View>
  );
}
