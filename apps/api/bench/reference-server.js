// @ts-check
'use strict';
// The yardstick: the same login work as wxlogin's POST /api/auth/login with no framework on top of
// Fastify — a request id (also sent as x-request-id), a per-IP fixed-window rate limit, validate
// the body, exchange the code with WeChat (the simulator) over a keep-alive connection pool once
// per code (a double tap shares the exchange, kept 2–4 s after it settles), encrypt the
// session_key at rest (AES-256-GCM, the user's app and openid as associated data) and fingerprint
// it (HMAC-SHA256), upsert the user — keeping the replaced key as the previous one — and insert
// the session in ONE prepared statement, sign an HS256 JWT with a KeyObject, hand out a random
// refresh token of which only the SHA-256 is stored. Same response shape as wxlogin.
// Run by bench/run.js as a child process; configured by the same env names as the API.
const {
  createCipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  randomUUID,
} = require('node:crypto');
const Fastify = require('fastify');
const { Pool } = require('pg');
const { Pool: HttpPool } = require('undici');

const ACCESS_TOKEN_TTL_SECONDS = 900;
const RATE_LIMIT_WINDOW_MS = 60_000;
const LATE_TAP_GRACE_MS = 2_000;
const REFRESH_TOKEN_TTL_SECONDS = 2_592_000;

const config = readConfig(process.env);

const jwtKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
const jwtHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const sessionKeyCipherKey = Buffer.from(config.sessionKeyEncryptionKey, 'base64');
if (sessionKeyCipherKey.length !== 32) {
  throw new Error('SESSION_KEY_ENCRYPTION_KEY must be 32 bytes, base64');
}
const fingerprintKey = createHmac('sha256', sessionKeyCipherKey)
  .update('session-key-fingerprint')
  .digest();

// node-postgres' default pool size (10), which is also what TypeORM gives the API by default.
const db = new Pool({ connectionString: config.databaseUrl, max: 10 });
const wechatBase = new URL(config.wechatApiBase);
const wechat = new HttpPool(wechatBase.origin, { keepAliveTimeout: 30_000 });
const code2SessionPath =
  `${wechatBase.pathname.replace(/\/$/, '')}/sns/jscode2session` +
  `?appid=${encodeURIComponent(config.appId)}&secret=${encodeURIComponent(config.appSecret)}` +
  '&grant_type=authorization_code&js_code=';

const LOGIN_STATEMENT = {
  name: 'reference-login',
  text: `
    WITH upserted AS (
      INSERT INTO users AS u (app_id, openid, unionid, session_key_ciphertext,
                              session_key_fingerprint, session_key_rotated_at)
      VALUES ($1, $2, $3, $4, $5, now())
      ON CONFLICT (app_id, openid) DO UPDATE
        SET previous_session_key_ciphertext =
              CASE WHEN u.session_key_fingerprint = EXCLUDED.session_key_fingerprint
                   THEN u.previous_session_key_ciphertext ELSE u.session_key_ciphertext END,
            session_key_rotated_at =
              CASE WHEN u.session_key_fingerprint = EXCLUDED.session_key_fingerprint
                   THEN u.session_key_rotated_at ELSE now() END,
            session_key_ciphertext = EXCLUDED.session_key_ciphertext,
            session_key_fingerprint = EXCLUDED.session_key_fingerprint,
            unionid = COALESCE(EXCLUDED.unionid, u.unionid),
            updated_at = now()
      RETURNING id, app_id, nickname, avatar_url, phone_number, country_code, unionid, created_at
    ), new_session AS (
      INSERT INTO sessions (id, user_id, refresh_token_hash, expires_at)
      SELECT $6, id, $7, now() + $8 * interval '1 second' FROM upserted
    )
    SELECT * FROM upserted`,
};

/** Per-IP request counts of the current one-minute window. */
const rateLimit = { windowStartedAt: 0, hits: new Map() };

/** Code exchanges in flight, and settled ones of this and the previous grace period. */
const exchanges = { inFlight: new Map(), settled: new Map(), settledBefore: new Map() };
setInterval(() => {
  exchanges.settledBefore = exchanges.settled;
  exchanges.settled = new Map();
}, LATE_TAP_GRACE_MS).unref();

const app = Fastify({ logger: false, genReqId: () => randomUUID() });

app.addHook('onRequest', (request, reply, done) => {
  void reply.header('x-request-id', request.id);
  done();
});

app.post(
  '/api/auth/login',
  {
    schema: {
      body: {
        type: 'object',
        required: ['code'],
        properties: {
          code: { type: 'string', minLength: 1, maxLength: 128 },
          appId: { type: 'string', minLength: 1, maxLength: 64 },
        },
      },
    },
  },
  async (request, reply) => {
    if (isRateLimited(request.ip)) {
      return reply.code(429).send(errorEnvelope('RATE_LIMITED', String(request.id), true));
    }
    const { code, appId } = /** @type {{ code: string, appId?: string }} */ (request.body);
    if (appId !== undefined && appId !== config.appId) {
      return reply.code(400).send(errorEnvelope('UNKNOWN_APP', String(request.id), false));
    }
    const session = await exchangeCodeOnce(code);
    if (!session) {
      return reply.code(401).send(errorEnvelope('WX_CODE_INVALID', String(request.id), false));
    }
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    const { rows } = await db.query({
      ...LOGIN_STATEMENT,
      values: [
        config.appId,
        session.openid,
        session.unionid ?? null,
        encryptSessionKey(session.session_key, session.openid),
        createHmac('sha256', fingerprintKey).update(session.session_key).digest().subarray(0, 16),
        sessionId,
        createHash('sha256').update(refreshToken).digest(),
        REFRESH_TOKEN_TTL_SECONDS,
      ],
    });
    const user = /** @type {UserRow} */ (rows[0]);
    return {
      accessToken: signAccessToken(user.id, sessionId),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: {
        id: user.id,
        appId: user.app_id,
        nickname: user.nickname,
        avatarUrl: user.avatar_url,
        phoneNumber: user.phone_number,
        countryCode: user.country_code,
        hasUnionId: user.unionid !== null,
        createdAt: user.created_at.toISOString(),
      },
    };
  },
);

app.get('/api/health', async (_request, reply) => {
  try {
    await db.query('SELECT 1');
    return { status: 'ok', database: 'up' };
  } catch {
    return reply.code(503).send({ status: 'unavailable', database: 'down' });
  }
});

app.setErrorHandler((error, request, reply) => {
  const isValidation = /** @type {{ validation?: unknown }} */ (error).validation !== undefined;
  void reply
    .code(isValidation ? 400 : 500)
    .send(
      errorEnvelope(
        isValidation ? 'VALIDATION_FAILED' : 'INTERNAL_ERROR',
        String(request.id),
        false,
      ),
    );
});

/**
 * @typedef {{ id: string, app_id: string, nickname: string | null, avatar_url: string | null,
 *   phone_number: string | null, country_code: string | null, unionid: string | null, created_at: Date }} UserRow
 */

/** @param {string} ip */
function isRateLimited(ip) {
  const now = Date.now();
  if (now - rateLimit.windowStartedAt >= RATE_LIMIT_WINDOW_MS) {
    rateLimit.hits.clear();
    rateLimit.windowStartedAt = now;
  }
  const count = (rateLimit.hits.get(ip) ?? 0) + 1;
  rateLimit.hits.set(ip, count);
  return count > config.rateLimitPerMinute;
}

/**
 * One exchange per code: a second request for a code in flight, or settled in the last 2–4 s,
 * shares its outcome.
 * @param {string} code
 * @returns {Promise<{ openid: string, session_key: string, unionid?: string } | undefined>}
 */
function exchangeCodeOnce(code) {
  const known =
    exchanges.inFlight.get(code) ??
    exchanges.settled.get(code) ??
    exchanges.settledBefore.get(code);
  if (known !== undefined) return known;
  const outcome = exchangeCode(code);
  const settle = () => {
    exchanges.inFlight.delete(code);
    exchanges.settled.set(code, outcome);
  };
  outcome.then(settle, settle);
  exchanges.inFlight.set(code, outcome);
  return outcome;
}

/**
 * auth.code2Session: a 200 carrying errcode is a failure; success is "has openid and session_key".
 * @param {string} code
 * @returns {Promise<{ openid: string, session_key: string, unionid?: string } | undefined>}
 */
async function exchangeCode(code) {
  const { statusCode, body } = await wechat.request({
    method: 'GET',
    path: code2SessionPath + encodeURIComponent(code),
  });
  const reply = /** @type {{ openid?: string, session_key?: string, unionid?: string }} */ (
    await body.json()
  );
  if (statusCode !== 200 || !reply.openid || !reply.session_key) return undefined;
  return { openid: reply.openid, session_key: reply.session_key, unionid: reply.unionid };
}

/**
 * AES-256-GCM bound to the user: 12-byte IV ‖ 16-byte tag ‖ ciphertext.
 * @param {string} sessionKey @param {string} openid
 */
function encryptSessionKey(sessionKey, openid) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sessionKeyCipherKey, iv);
  cipher.setAAD(Buffer.from(`${config.appId}\0${openid}`));
  const ciphertext = Buffer.concat([cipher.update(sessionKey, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** HS256 JWT carrying the session id. @param {string} userId @param {string} sessionId */
function signAccessToken(userId, sessionId) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(
    JSON.stringify({
      sub: userId,
      sid: sessionId,
      iat: issuedAt,
      exp: issuedAt + ACCESS_TOKEN_TTL_SECONDS,
    }),
  ).toString('base64url');
  const signingInput = `${jwtHeader}.${payload}`;
  const signature = createHmac('sha256', jwtKey).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** @param {string} code @param {string} requestId @param {boolean} retryable */
function errorEnvelope(code, requestId, retryable) {
  return { error: { code, message: code, requestId, retryable } };
}

/** @param {NodeJS.ProcessEnv} env */
function readConfig(env) {
  /** @param {string} name */
  const required = (name) => {
    const value = env[name];
    if (!value) throw new Error(`reference server: ${name} is required`);
    return value;
  };
  return {
    port: Number(required('PORT')),
    databaseUrl: required('DATABASE_URL'),
    wechatApiBase: required('WECHAT_API_BASE'),
    appId: required('WX_APPID'),
    appSecret: required('WX_SECRET'),
    jwtSecret: required('JWT_SECRET'),
    sessionKeyEncryptionKey: required('SESSION_KEY_ENCRYPTION_KEY'),
    rateLimitPerMinute: Number(required('RATE_LIMIT_PER_MINUTE')),
  };
}

async function shutDown() {
  await app.close();
  await Promise.all([db.end(), wechat.close()]);
}
process.once('SIGTERM', () => void shutDown().then(() => process.exit(0)));
process.once('SIGINT', () => void shutDown().then(() => process.exit(0)));

app.listen({ port: config.port, host: '127.0.0.1' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
