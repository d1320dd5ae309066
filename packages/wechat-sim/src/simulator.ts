import { DEFAULT_AVATAR_URL } from '@wxlogin/wechat-protocol';
import { encryptOpenData, signRawData } from '@wxlogin/wxcrypto';
import {
  SESSION_KEY_ROTATIONS,
  type SessionKeyRotation,
  type SimulatorOptions,
} from './sim-config';
import type { ClockControls } from './sim-clock';
import type { CallDelays, FaultControls } from './sim-faults';
import { deriveOpenId } from './sim-identity';
import { SimState, type SimUser } from './sim-state';
import { SimulatorError } from './simulator.error';
import { WeChatServer } from './wechat-server';

/** Client-side paths, as the HTTP server serves them and as {@link Simulator.counters} counts them. */
export const CLIENT_PATHS = {
  login: '/sim/login',
  phone: '/sim/phone',
  userInfo: '/sim/userinfo',
  checkSession: '/sim/check-session',
} as const;

/** What the getPhoneNumber button event gives the mini-program. */
export interface PhoneButtonDetail {
  code: string;
  encryptedData: string;
  iv: string;
}

/** What the legacy getUserInfo gives the mini-program. */
export interface UserInfoDetail {
  rawData: string;
  signature: string;
  encryptedData: string;
  iv: string;
}

/** Profile fields a test may set on a user (phoneNumber is the national number). */
export interface SimUserProfile {
  phoneNumber?: string;
  countryCode?: string;
  nickName?: string;
}

/** A user as the control API reports it. */
export interface SimUserView {
  appId: string;
  userId: string;
  openid: string;
  unionid: string | null;
  phoneNumber: string;
  countryCode: string;
  nickName: string;
}

/**
 * The whole simulated WeChat: the phone side (what wx.login, the phone button and getUserInfo
 * return), WeChat's servers ({@link Simulator.server}, the endpoints the HTTP server exposes), and
 * the controls tests and benchmarks use. No I/O: usable in-process; {@link startSimulator} puts it
 * behind HTTP.
 */
export class Simulator {
  /** The movable clock: codes expire after 5 min, access_tokens after 7200 s, session keys too. */
  readonly clock: ClockControls;
  /** Fault injection: busy answers, latency, per-user 45011 and 40226. */
  readonly faults: FaultControls;
  /** WeChat's server endpoints, in-process (the HTTP server calls these). */
  readonly server: WeChatServer;
  private readonly state: SimState;

  constructor(options: SimulatorOptions = {}) {
    this.state = new SimState(options);
    this.clock = this.state.clock;
    this.faults = this.state.faults;
    this.server = new WeChatServer(this.state);
  }

  /**
   * wx.login: a code for jscode2session (5 minutes, single use). Under rotation `always` it also
   * replaces the user's session_key, so open data encrypted before this login no longer decrypts
   * with the key the server will get — docs/pitfalls.md#pitfall-stale-session-key.
   * @throws SimulatorError UNKNOWN_APP for an app the simulator does not know.
   */
  login(appId: string, userId: string): { code: string } {
    this.state.count(CLIENT_PATHS.login);
    const user = this.state.user(appId, userId);
    this.state.rotateOnLogin(user);
    return { code: this.state.loginCodes.issue(user, this.state.clock.now()) };
  }

  /**
   * The getPhoneNumber button's event detail: a phone code for getuserphonenumber (5 minutes,
   * single use) and the legacy encryptedData/iv, encrypted with the user's current session_key
   * (a new one if the user never logged in: the server then cannot decrypt it, as in WeChat).
   */
  getPhoneNumber(appId: string, userId: string): PhoneButtonDetail {
    const { state } = this;
    state.count(CLIENT_PATHS.phone);
    const user = state.user(appId, userId);
    const now = state.clock.now();
    const watermark = { appid: appId, timestamp: Math.floor(now / 1000) };
    const phoneNumber =
      user.countryCode === '86' ? user.phoneNumber : `+${user.countryCode}${user.phoneNumber}`;
    const code = state.phoneCodes.issue(
      {
        user,
        phoneNumber,
        purePhoneNumber: user.phoneNumber,
        countryCode: user.countryCode,
        timestamp: watermark.timestamp,
      },
      now,
    );
    const { encryptedData, iv } = encryptOpenData({
      sessionKey: state.currentSessionKey(user),
      payload: {
        phoneNumber,
        purePhoneNumber: user.phoneNumber,
        countryCode: user.countryCode,
        watermark,
      },
    });
    return { code, encryptedData, iv };
  }

  /**
   * Legacy getUserInfo: rawData (compact JSON, no ids), signature = sha1(rawData + session_key),
   * and encryptedData with openId, unionId (union-bound apps) and the watermark, all made with the
   * user's current session_key.
   */
  getUserInfo(appId: string, userId: string): UserInfoDetail {
    const { state } = this;
    state.count(CLIENT_PATHS.userInfo);
    const user = state.user(appId, userId);
    const sessionKey = state.currentSessionKey(user);
    const profile = {
      nickName: user.nickName,
      gender: 0,
      language: 'zh_CN',
      city: '',
      province: '',
      country: '',
      avatarUrl: DEFAULT_AVATAR_URL,
    };
    const rawData = JSON.stringify(profile);
    const { encryptedData, iv } = encryptOpenData({
      sessionKey,
      payload: {
        openId: user.openid,
        ...profile,
        ...(user.unionid === undefined ? {} : { unionId: user.unionid }),
        watermark: { appid: appId, timestamp: Math.floor(state.clock.now() / 1000) },
      },
    });
    return { rawData, signature: signRawData(rawData, sessionKey), encryptedData, iv };
  }

  /** wx.checkSession: is the session_key of the user's latest login still valid? */
  checkSession(appId: string, userId: string): boolean {
    const { state } = this;
    state.count(CLIENT_PATHS.checkSession);
    state.requireApp(appId);
    const user = state.findUser(appId, userId);
    return user !== undefined && state.hasValidSessionKey(user);
  }

  /**
   * How long the next WeChat-server call over HTTP waits before it is carried out and before its
   * answer is sent (latency, spikes, slow calls; see {@link FaultControls}). The HTTP server asks
   * once per call.
   */
  drawCallDelays(): CallDelays {
    return this.state.faults.drawDelays();
  }

  /** Calls per endpoint path since start or reset, e.g. `{ '/sns/jscode2session': 3 }`. */
  counters(): Record<string, number> {
    return this.state.counters();
  }

  get rotation(): SessionKeyRotation {
    return this.state.rotation;
  }

  setRotation(rotation: SessionKeyRotation): void {
    if (!SESSION_KEY_ROTATIONS.includes(rotation)) {
      throw new SimulatorError('INVALID_ARGUMENT', `unknown rotation ${String(rotation)}`);
    }
    this.state.rotation = rotation;
  }

  /**
   * Sets profile fields of a user (created if new). phoneNumber is the national number (WeChat's
   * purePhoneNumber, 5–15 digits); countryCode 1–4 digits without "+"; nickName 1–64 characters.
   */
  setUser(appId: string, userId: string, profile: SimUserProfile): SimUserView {
    const user = this.state.user(appId, userId);
    if (profile.phoneNumber !== undefined) {
      user.phoneNumber = matching('phoneNumber', profile.phoneNumber, /^\d{5,15}$/);
    }
    if (profile.countryCode !== undefined) {
      user.countryCode = matching('countryCode', profile.countryCode, /^\d{1,4}$/);
    }
    if (profile.nickName !== undefined) {
      user.nickName = matching('nickName', profile.nickName, /^.{1,64}$/u);
    }
    return viewOf(user);
  }

  /** The openid a user has (or will have) in an app; for assertions. */
  openidOf(appId: string, userId: string): string {
    this.state.requireApp(appId);
    return deriveOpenId(appId, userId);
  }

  /** Forgets users, codes, tokens, counters and faults; clock and rotation back to the start. */
  reset(): void {
    this.state.reset();
  }
}

function matching(name: string, value: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must match ${String(pattern)}`);
  }
  return value;
}

function viewOf(user: SimUser): SimUserView {
  return {
    appId: user.appId,
    userId: user.userId,
    openid: user.openid,
    unionid: user.unionid ?? null,
    phoneNumber: user.phoneNumber,
    countryCode: user.countryCode,
    nickName: user.nickName,
  };
}
