// @wxlogin/nest: WeChat mini-program login as a NestJS module (see README.md).

// The module and its options.
export { WxLoginModule, type WxLoginAsyncOptions } from './wxlogin.module';
export { WXLOGIN_DEFAULTS, type WxApp, type WxLoginOptions } from './options/wxlogin-options';
export {
  checkWxLoginOptions,
  type WxLoginOptionProblem,
  WxLoginOptionsError,
} from './options/options-validation';
export { NestLoggerAdapter, type WxLoginLogger } from './common/logger';

// The host's TypeORM DataSource options.
export { WXLOGIN_ENTITIES, WXLOGIN_MIGRATIONS } from './schema';

// For the host's own routes.
export { WxLoginAuthGuard } from './credentials/wxlogin-auth.guard';
export { CurrentUser, type Principal } from './credentials/principal';
export { ApiExceptionFilter } from './http/api-exception.filter';

// For a Fastify host: request ids, timeouts and framework errors in the same envelope.
export { applyWxLoginRequestHandling, createWxLoginFastifyAdapter } from './http/fastify-host';
export type { RequestLimits } from './http/request-deadline';
