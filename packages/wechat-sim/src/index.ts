export {
  DEV_APP,
  type SessionKeyRotation,
  type SimAppConfig,
  type SimulatorOptions,
} from './sim-config';
export {
  Simulator,
  CLIENT_PATHS,
  type PhoneButtonDetail,
  type SimUserProfile,
  type SimUserView,
  type UserInfoDetail,
} from './simulator';
export { SimulatorError, type SimulatorErrorCode } from './simulator.error';
export type { ClockControls } from './sim-clock';
export type { FaultControls, LatencySpikes, SlowCalls } from './sim-faults';
export { WeChatServer, type Received } from './wechat-server';
export {
  createRequestListener,
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from './http-server';
