export {
  describeSyntaxTooNew,
  findFirstScriptBeyondEs2017,
  findSyntaxBeyondEs2017,
  listScripts,
  MINI_PROGRAM_ECMA_VERSION,
  type SyntaxTooNew,
} from './es2017';
export {
  PlatformRuleError,
  SET_DATA_MAX_BYTES,
  STORAGE_KEY_MAX_BYTES,
  STORAGE_TOTAL_MAX_BYTES,
} from './platform-rules';
export { type PhoneSheetOutcome } from './native-components';
export { WeappHost, type WeappHostOptions } from './weapp-host';
export { type SimulatedWechatUser } from './wechat-client';
export { type SentRequest } from './wx-network';
