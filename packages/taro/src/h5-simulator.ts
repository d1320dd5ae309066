/** The H5 preview's platform (Taro in a browser, WeChat played by the simulator): `@wxlogin/taro/h5-simulator`. */
export { createH5SimulatorPlatform } from './simulator/h5-simulator.platform.js';
