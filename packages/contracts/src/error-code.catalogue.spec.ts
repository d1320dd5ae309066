import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClientAction,
  ERROR_CATALOGUE,
  ERROR_CODES,
  ErrorCode,
  errorInfo,
} from './error-code.catalogue';

/** Every {@link ClientAction}, once; the type makes this list complete and exact. */
const CLIENT_ACTIONS = Object.keys({
  'show-message': true,
  'retry-later': true,
  'renew-session': true,
  'login-again': true,
  'login-again-then-retap': true,
  retap: true,
} satisfies Record<ClientAction, true>);

/** The README's "## Error codes" section, up to the next heading. */
function readmeErrorSection(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.split(/^## Error codes$/m)[1];
  if (section === undefined) throw new Error('README.md has no "## Error codes" section');
  return section.split(/^## /m)[0] ?? '';
}

/** Cells of the table rows of `markdown` whose first cell is code-formatted. */
function tableRows(markdown: string): string[][] {
  return (
    markdown
      .split('\n')
      .filter((line) => /^\|\s*`/.test(line))
      // The first cell is the empty text before the first pipe, the last the one after the last.
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim())
          .slice(1, -1),
      )
  );
}

/** Rows of the README's error table, as `[code, status, retryable, clientAction, message]`. */
function readmeErrorRows(): [string, number, boolean, string, string][] {
  const errorTable = readmeErrorSection().split(/^### /m)[0] ?? '';
  return tableRows(errorTable).map((cells) => {
    // cells[4] is the prose column.
    const [code = '', status = '', retryable = '', clientAction = '', , message = ''] = cells;
    if (retryable !== 'yes' && retryable !== 'no') throw new Error(`bad retryable in: ${code}`);
    return [unquote(code), Number(status), retryable === 'yes', unquote(clientAction), message];
  });
}

/** The actions the README's client-action table explains. */
function readmeClientActions(): string[] {
  const actionsTable = readmeErrorSection().split(/^### Client actions$/m)[1];
  if (actionsTable === undefined) throw new Error('README.md has no "### Client actions" table');
  return tableRows(actionsTable).map(([action = '']) => unquote(action));
}

function unquote(cell: string): string {
  return cell.replace(/`/g, '');
}

describe('ERROR_CODES', () => {
  it('should list each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('should include every code the API issue requires', () => {
    expect(ERROR_CODES).toEqual(
      expect.arrayContaining([
        'VALIDATION_FAILED',
        'UNKNOWN_APP',
        'WX_CODE_INVALID',
        'WX_CODE_USED',
        'WX_USER_BLOCKED',
        'WX_RATE_LIMITED',
        'WX_UNAVAILABLE',
        'SESSION_KEY_STALE',
        'OPEN_DATA_INVALID',
        'WATERMARK_MISMATCH',
        'SIGNATURE_INVALID',
        'UNAUTHENTICATED',
        'REFRESH_TOKEN_INVALID',
        'REFRESH_TOKEN_REUSED',
        'RATE_LIMITED',
        'REQUEST_TIMEOUT',
        'SERVICE_UNAVAILABLE',
      ]),
    );
  });

  it('should be exactly what the ErrorCode schema accepts', () => {
    for (const code of ERROR_CODES) expect(ErrorCode.parse(code)).toBe(code);
    expect(ErrorCode.safeParse('validation_failed').success).toBe(false);
    expect(ErrorCode.safeParse('TEAPOT').success).toBe(false);
  });
});

describe('ERROR_CATALOGUE', () => {
  it('should have an entry for every code and no other', () => {
    expect(Object.keys(ERROR_CATALOGUE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES)('should give %s a 4xx/5xx status and a short Chinese message', (code) => {
    const { status, retryable, message } = ERROR_CATALOGUE[code];
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    expect(typeof retryable).toBe('boolean');
    expect(message).toMatch(/^\p{Script=Han}[\p{Script=Han}\p{P}]*$/u);
    expect(message.length).toBeLessThanOrEqual(20);
  });

  it('should match the statuses fixed by the API contract', () => {
    const statuses = Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_CATALOGUE[c].status]));
    expect(statuses).toEqual({
      VALIDATION_FAILED: 400,
      UNKNOWN_APP: 400,
      WX_CODE_INVALID: 401,
      WX_CODE_USED: 401,
      WX_PHONE_CODE_INVALID: 400,
      WX_USER_BLOCKED: 403,
      WX_RATE_LIMITED: 429,
      WX_UNAVAILABLE: 503,
      SESSION_KEY_STALE: 409,
      OPEN_DATA_INVALID: 422,
      WATERMARK_MISMATCH: 422,
      SIGNATURE_INVALID: 422,
      UNAUTHENTICATED: 401,
      REFRESH_TOKEN_INVALID: 401,
      REFRESH_TOKEN_REUSED: 401,
      RATE_LIMITED: 429,
      NOT_FOUND: 404,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      REQUEST_TIMEOUT: 408,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL_ERROR: 500,
    });
  });

  it('should mark only the back-off cases retryable', () => {
    const retryable = ERROR_CODES.filter((code) => ERROR_CATALOGUE[code].retryable);
    expect(retryable).toEqual([
      'WX_RATE_LIMITED',
      'WX_UNAVAILABLE',
      'RATE_LIMITED',
      'REQUEST_TIMEOUT',
      'SERVICE_UNAVAILABLE',
    ]);
  });

  it('should tell the client what to do about each code', () => {
    const actions = Object.fromEntries(
      ERROR_CODES.map((c) => [c, ERROR_CATALOGUE[c].clientAction]),
    );
    expect(actions).toEqual({
      VALIDATION_FAILED: 'show-message',
      UNKNOWN_APP: 'show-message',
      WX_CODE_INVALID: 'login-again',
      WX_CODE_USED: 'login-again',
      WX_PHONE_CODE_INVALID: 'retap',
      WX_USER_BLOCKED: 'show-message',
      WX_RATE_LIMITED: 'retry-later',
      WX_UNAVAILABLE: 'retry-later',
      SESSION_KEY_STALE: 'login-again-then-retap',
      OPEN_DATA_INVALID: 'retap',
      WATERMARK_MISMATCH: 'show-message',
      SIGNATURE_INVALID: 'retap',
      UNAUTHENTICATED: 'renew-session',
      REFRESH_TOKEN_INVALID: 'login-again',
      REFRESH_TOKEN_REUSED: 'login-again',
      RATE_LIMITED: 'retry-later',
      NOT_FOUND: 'show-message',
      PAYLOAD_TOO_LARGE: 'show-message',
      UNSUPPORTED_MEDIA_TYPE: 'show-message',
      REQUEST_TIMEOUT: 'retry-later',
      SERVICE_UNAVAILABLE: 'retry-later',
      INTERNAL_ERROR: 'show-message',
    });
  });

  it.each(ERROR_CODES)(
    'should call %s retryable exactly when its client action is retry-later',
    (code) => {
      const { retryable, clientAction } = ERROR_CATALOGUE[code];
      expect(retryable).toBe(clientAction === 'retry-later');
    },
  );

  it('should answer 401 exactly when the session or the login code is no good', () => {
    const unauthorized = ERROR_CODES.filter((code) => ERROR_CATALOGUE[code].status === 401);
    const sessionActions = ERROR_CODES.filter((code) =>
      ['renew-session', 'login-again'].includes(ERROR_CATALOGUE[code].clientAction),
    );
    expect(unauthorized).toEqual(sessionActions);
  });

  it('should use every client action (the union has no dead member)', () => {
    const used = new Set(ERROR_CODES.map((code) => ERROR_CATALOGUE[code].clientAction));
    expect([...used].sort()).toEqual([...CLIENT_ACTIONS].sort());
  });

  it('should be documented exactly, row for row, by the README error table', () => {
    const catalogueRows = ERROR_CODES.map((code) => {
      const { status, retryable, clientAction, message } = ERROR_CATALOGUE[code];
      return [code, status, retryable, clientAction, message];
    });
    expect(readmeErrorRows()).toEqual(catalogueRows);
  });

  it('should have each client action explained once in the README', () => {
    expect(readmeClientActions()).toEqual(CLIENT_ACTIONS);
  });
});

describe('errorInfo', () => {
  it('should return the catalogue entry of a code', () => {
    expect(errorInfo('SESSION_KEY_STALE')).toEqual({
      status: 409,
      retryable: false,
      clientAction: 'login-again-then-retap',
      message: '登录状态已更新，请重新授权',
    });
    expect(errorInfo('WX_UNAVAILABLE')).toBe(ERROR_CATALOGUE.WX_UNAVAILABLE);
  });
});
