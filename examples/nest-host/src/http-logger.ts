import { Logger } from '@nestjs/common';
import type { WxLoginLogger } from '@wxlogin/nest';

const nest = new Logger('Http');

/** The Fastify helpers' log lines (framework errors, late answers) into Nest's logger. */
export const httpLogger: WxLoginLogger = {
  error: (fields, message) => nest.error(message, fields),
  warn: (fields, message) => nest.warn(message, fields),
  info: (fields, message) => nest.log(message, fields),
};
