import type { WxLoginLogger } from '../../src/common/logger';

/** A logger that drops every line, for tests that do not look at the logs. */
export const silentLogger: WxLoginLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
};
