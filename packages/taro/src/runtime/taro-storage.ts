import Taro from '@tarojs/taro';
import type { KeyValueStorage } from '../session/key-value-storage.js';

/**
 * The runtime's own storage: `wx.*StorageSync` in the mini-program, `localStorage` in the H5
 * build (Taro maps it). Missing keys read as `''`, which {@link SessionStore} treats as absent.
 */
export const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync<unknown>(key),
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};
