import {
  WX_ERRCODE,
  WX_ERRCODE_INFO,
  isWechatErrorReply,
  wechatErrorOf,
  type WxErrcodeInfo,
  type WxErrcodeWithErrmsg,
} from './errcodes';
import { WECHAT_DOCS, type WechatDoc } from './official-docs';
import type { Code2SessionReply } from './replies';

/** errcode → errmsg column, `null` where the page gives only a Chinese description. */
type PageTable = ReadonlyArray<readonly [errcode: number, errmsg: string | null]>;

/**
 * The errcode tables of the official pages, copied by hand. An endpoint's table is copied whole;
 * of the global table only the rows checked so far (it lists hundreds).
 */
const CODE2SESSION_PAGE: PageTable = [
  [-1, 'system error'],
  [40029, null],
  [40226, 'code blocked'],
  [45011, 'api minute-quota reach limit mustslower retry next minute'],
];
const CHECK_SESSION_KEY_PAGE: PageTable = [[87009, 'invalid signature']];
const GLOBAL_ERRCODES_PAGE_ROWS: PageTable = [
  [-1, 'system error'],
  [40001, 'invalid credential, access_token is invalid or not latest'],
  [40013, 'invalid appid'],
  [40014, 'invalid access_token'],
  [40164, 'invalid ip, not in whitelist'],
  [41001, 'access_token missing'],
  [41002, 'appid missing'],
  [42001, 'access_token expired'],
  [43001, 'require GET method'],
  [43002, 'require POST method'],
  [45009, 'reach max api daily quota limit'],
];

/** Whole tables of endpoint pages, by the page they come from. */
const ENDPOINT_PAGES: ReadonlyArray<[WechatDoc, PageTable]> = [
  ['code2Session', CODE2SESSION_PAGE],
  ['checkSessionKey', CHECK_SESSION_KEY_PAGE],
];

const ERRCODES = Object.values(WX_ERRCODE);

function infoOf(errcode: number): WxErrcodeInfo | undefined {
  return (WX_ERRCODE_INFO as Partial<Record<number, WxErrcodeInfo>>)[errcode];
}

describe('WX_ERRCODE', () => {
  it('should give every errcode one name', () => {
    expect(new Set(ERRCODES).size).toBe(ERRCODES.length);
  });

  it('should describe exactly the named errcodes, none twice and none extra', () => {
    const described = Object.keys(WX_ERRCODE_INFO).map(Number);
    expect(described.sort((a, b) => a - b)).toEqual([...ERRCODES].sort((a, b) => a - b));
  });

  it.each(ERRCODES)('%i should have a one-line meaning and an official page', (errcode) => {
    const info = infoOf(errcode);
    expect(info?.meaning).toMatch(/^[^\n]{10,100}$/);
    expect(Object.keys(WECHAT_DOCS)).toContain(info?.source);
  });
});

describe('the cited tables', () => {
  describe.each(ENDPOINT_PAGES)('%s', (page, table) => {
    it.each(table)('should name %i, cite the page and send its errmsg', (errcode, errmsg) => {
      const info = infoOf(errcode);
      expect(info?.source).toBe(page);
      if (errmsg !== null) expect(info?.errmsg).toBe(errmsg);
    });

    it('should cite the page only for errcodes on its table', () => {
      const onPage = new Set(table.map(([errcode]) => errcode));
      const citing = ERRCODES.filter((errcode) => infoOf(errcode)?.source === page);
      // The checkSessionKey page allows only hmac_sha256 but gives no errcode for another
      // sig_method: 87008 cites the page for the rule, not for the number.
      expect(citing.filter((errcode) => errcode !== WX_ERRCODE.INVALID_SIG_METHOD)).toEqual(
        citing.filter((errcode) => onPage.has(errcode)),
      );
    });
  });

  it.each(GLOBAL_ERRCODES_PAGE_ROWS)(
    'global table: %i should be named, with errmsg starting as the page says',
    (errcode, errmsg) => {
      const info = infoOf(errcode);
      expect(info).toBeDefined();
      // WeChat has appended advice to some errmsgs since the table was written (40001).
      if (errmsg !== null && info?.errmsg !== undefined) {
        expect(info.errmsg.startsWith(errmsg)).toBe(true);
      }
    },
  );
});

describe('WxErrcodeWithErrmsg', () => {
  it('should admit exactly the errcodes with an errmsg', () => {
    const withErrmsg: WxErrcodeWithErrmsg[] = [WX_ERRCODE.INVALID_CODE, WX_ERRCODE.SYSTEM_BUSY];
    // @ts-expect-error 40243's errmsg is unknown, so a stand-in cannot send it
    const frozen: WxErrcodeWithErrmsg = WX_ERRCODE.APPSECRET_FROZEN;
    expect([...withErrmsg, frozen].map((errcode) => infoOf(errcode)?.errmsg)).toEqual([
      'invalid code',
      'system error',
      undefined,
    ]);
  });
});

describe('wechatErrorOf', () => {
  it('should read the errcode and errmsg of an error reply', () => {
    expect(wechatErrorOf({ errcode: 40029, errmsg: 'invalid code, rid: 1' })).toEqual({
      errcode: 40029,
      errmsg: 'invalid code, rid: 1',
    });
    expect(wechatErrorOf({ errcode: -1 })).toEqual({ errcode: -1, errmsg: '' });
  });

  it.each([
    ['a code2Session success, which has no errcode', { openid: 'o', session_key: 'k' }],
    ['a /wxa/ success', { errcode: 0, errmsg: 'ok' }],
    ['an errcode that is not a number', { errcode: '40029', errmsg: 'invalid code' }],
    ['null', null],
    ['a string', 'errcode'],
    ['an array', [40029]],
  ])('should find no error in %s', (_what, reply) => {
    expect(wechatErrorOf(reply)).toBeUndefined();
  });

  it('should narrow a typed reply to its error or its success', () => {
    const replies: Array<Code2SessionReply | { errcode: 40163; errmsg: string }> = [
      { openid: 'o', session_key: 'k' },
      { errcode: 40163, errmsg: 'code been used' },
    ];
    const outcomes = replies.map((reply) =>
      isWechatErrorReply(reply) ? reply.errcode : reply.openid,
    );
    expect(outcomes).toEqual(['o', 40163]);
  });
});
