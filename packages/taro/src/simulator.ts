/** WeChat's client side played by wxlogin's simulator, on any platform: `@wxlogin/taro/simulator`. */
export {
  SIMULATOR_DEV_APP_ID,
  type SimulatedWeChatUser,
  withSimulatedWeChat,
} from './simulator/simulator.platform.js';
