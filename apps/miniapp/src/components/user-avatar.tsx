import { Image, Text, View } from '@tarojs/components';

/** The user's avatar, or the first character of their nickname on a grey disc. */
export function UserAvatar({ url, nickname }: { url: string | null; nickname: string | null }) {
  if (url) return <Image className="avatar" src={url} mode="aspectFill" />;
  return (
    <View className="avatar avatar-placeholder">
      <Text>{nickname ? nickname.slice(0, 1) : '微'}</Text>
    </View>
  );
}
