import { WECHAT_API_BASE_URL, WECHAT_ENDPOINTS, type WechatEndpointName } from './endpoints';
import { WECHAT_DOCS } from './official-docs';

/**
 * The request line each endpoint's official page shows (its example where the page has one),
 * copied by hand. Upper-case values are placeholders; lower-case ones are literals WeChat requires.
 */
const DOCUMENTED_REQUESTS: Record<WechatEndpointName, string> = {
  code2Session:
    'GET https://api.weixin.qq.com/sns/jscode2session?appid=APPID&secret=SECRET&js_code=JSCODE&grant_type=authorization_code',
  getAccessToken:
    'GET https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=APPID&secret=APPSECRET',
  getStableAccessToken: 'POST https://api.weixin.qq.com/cgi-bin/stable_token',
  getPhoneNumber:
    'POST https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token=ACCESS_TOKEN',
  checkSessionKey:
    'GET https://api.weixin.qq.com/wxa/checksession?access_token=ACCESS_TOKEN&signature=SIGNATURE&openid=OPENID&sig_method=SIG_METHOD',
  resetUserSessionKey:
    'GET https://api.weixin.qq.com/wxa/resetusersessionkey?access_token=ACCESS_TOKEN&openid=OPENID&signature=SIGNATURE&sig_method=hmac_sha256',
};

const ENDPOINTS = Object.entries(WECHAT_ENDPOINTS) as Array<
  [WechatEndpointName, (typeof WECHAT_ENDPOINTS)[WechatEndpointName]]
>;

function documented(name: WechatEndpointName) {
  const [method = '', url = ''] = DOCUMENTED_REQUESTS[name].split(' ');
  const parsed = new URL(url);
  return { method, origin: parsed.origin, path: parsed.pathname, query: parsed.searchParams };
}

describe('WECHAT_ENDPOINTS', () => {
  it('should give every endpoint its own path', () => {
    const paths = ENDPOINTS.map(([, endpoint]) => endpoint.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  describe.each(ENDPOINTS)('%s', (name, endpoint) => {
    const page = documented(name);

    it('should have the method and path of its page, under the production origin', () => {
      expect(`${endpoint.method} ${WECHAT_API_BASE_URL}${endpoint.path}`).toBe(
        `${page.method} ${page.origin}${page.path}`,
      );
    });

    it('should send the access_token in the query exactly when its page does', () => {
      expect(page.query.has('access_token')).toBe(endpoint.credential === 'access-token');
    });

    it('should carry the app secret where its page puts the parameters', () => {
      if (endpoint.credential !== 'app-secret') return;
      // A POST JSON endpoint's page shows no query: its parameters are in the body.
      expect(page.query.has('secret')).toBe(endpoint.params === 'query');
    });

    it('should fix every literal value its page requires', () => {
      // Placeholders are upper case (APPID, SIG_METHOD); literals are not (authorization_code).
      const literals = [...page.query].filter(([, value]) => value !== value.toUpperCase());
      for (const [param, value] of literals)
        expect(endpoint.fixedParams).toHaveProperty(param, value);
    });

    it('should cite an official page', () => {
      expect(WECHAT_DOCS[endpoint.doc]).toMatch(/^https:\/\/developers\.weixin\.qq\.com\//);
    });
  });
});

describe('WECHAT_DOCS', () => {
  it.each(Object.entries(WECHAT_DOCS))(
    '%s should be a page on developers.weixin.qq.com',
    (_, url) => {
      expect(new URL(url).origin).toBe('https://developers.weixin.qq.com');
    },
  );
});
