import Taro from '@tarojs/taro';

/** A text-only toast, long enough to read a Chinese sentence. */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
