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
export {
  WeChatServer,
  WECHAT_PATHS,
  type AccessTokenQuery,
  type Code2SessionQuery,
  type Code2SessionSuccess,
  type OkReply,
  type PhoneInfo,
  type PhoneNumberSuccess,
  type ResetSessionKeySuccess,
  type SessionKeyQuery,
} from './wechat-server';
export type { TokenGrant } from './access-token.store';
export { WX_ERRCODE, isWxError, type WxErrcode, type WxErrorReply } from './wechat-errcodes';
export {
  createRequestListener,
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from './http-server';
