import { DEV_APP } from './sim-config';
import { startTestSimulator } from '../test/sim-fixtures';

describe('request log (startSimulator `log`, CLI --verbose)', () => {
  it('should log method, path and errcode, never the query with the secret nor a session_key', async () => {
    const lines: string[] = [];
    const t = await startTestSimulator({ log: (line) => lines.push(line) });
    try {
      const body = await t.http.code2Session(await t.http.login('alice'));
      await t.http.code2Session('unknown-code');
      expect(lines).toEqual([
        'POST /sim/login 200',
        'GET /sns/jscode2session 200',
        'GET /sns/jscode2session 200 errcode=40029',
      ]);
      const logged = lines.join('\n');
      expect(logged).not.toContain(DEV_APP.secret);
      expect(logged).not.toContain(String(body['session_key']));
    } finally {
      await t.running.close();
    }
  });
});
