/** WeChat's mini-program runtime through Taro (`wx.login`, `wx.request`, storage): `@wxlogin/taro/taro`. */
export { createTaroPlatform } from './runtime/taro.platform.js';
export { taroStorage } from './runtime/taro-storage.js';
