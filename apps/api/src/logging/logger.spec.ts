import { Writable } from 'node:stream';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('should redact credentials, tokens, secrets, session keys and phone numbers', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { logLevel: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret.jwt', cookie: 'sid=1' } },
        body: { accessToken: 'AT-1', refreshToken: 'RT-1', phoneNumber: '13800000000' },
        app: { secret: 'APPSECRET-1', sessionKey: 'SK-1', session_key: 'SK-2' },
        wechat: { query: 'appid=x&secret=APPSECRET-2&js_code=c' },
      },
      'something happened',
    );
    const line = lines.join('');
    for (const secret of [
      'eyJ.secret.jwt',
      'sid=1',
      'AT-1',
      'RT-1',
      '13800000000',
      'APPSECRET-1',
      'SK-1',
      'SK-2',
      'APPSECRET-2',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
    expect(line).toContain('something happened');
  });
});
