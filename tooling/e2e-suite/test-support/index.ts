// The login module's end-to-end suite: a host registers itself (registerHost) in a Jest setup
// file and lists specs/ among its roots.
export {
  hostUnderTest,
  registerHost,
  type HostSettings,
  type HostUnderTest,
  type ModuleSettings,
  type RouteListing,
  type RunningHost,
  type WxApp,
} from './host';
export { registeredRoutes } from './registered-routes';
export { errorCodeOf, startE2eStack, type E2eStack, type StackHostSettings } from './stack';
