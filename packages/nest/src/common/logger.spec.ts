import { Logger, type LoggerService } from '@nestjs/common';
import { NestLoggerAdapter } from './logger';

describe('NestLoggerAdapter', () => {
  const lines: { level: string; message: unknown; extra: unknown[] }[] = [];
  const capture =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) =>
      void lines.push({ level, message, extra });
  const nest: LoggerService = {
    log: capture('log'),
    warn: capture('warn'),
    error: capture('error'),
  };

  beforeAll(() => {
    Logger.overrideLogger(nest);
  });
  afterAll(() => {
    Logger.overrideLogger(true);
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it("should write through Nest's Logger, the fields after the message as JSON", () => {
    const logger = new NestLoggerAdapter();
    logger.info({ appId: 'wx1', expiresIn: 7200 }, 'fetched a WeChat access_token');
    logger.warn({}, 'request deadline passed');
    expect(lines).toEqual([
      {
        level: 'log',
        message: 'fetched a WeChat access_token {"appId":"wx1","expiresIn":7200}',
        extra: ['WxLogin'],
      },
      { level: 'warn', message: 'request deadline passed', extra: ['WxLogin'] },
    ]);
  });

  it("should log an error's name, message and code, and hand its stack to Nest as the trace", () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    new NestLoggerAdapter().error({ err: error }, 'request failed');
    expect(lines).toEqual([
      {
        level: 'error',
        message:
          'request failed {"err":{"name":"Error","message":"connect ECONNREFUSED","code":"ECONNREFUSED"}}',
        extra: [error.stack, 'WxLogin'],
      },
    ]);
  });
});
