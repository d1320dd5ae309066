import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  LoginRequest,
  PhoneProof,
  TokenResponse,
  UserInfoRequest,
  UserView,
} from '@wxlogin/contracts';
import { InjectSettings, type WxApp, type WxLoginSettings } from '../options/wxlogin-options';
import { ApiError } from '../common/api-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { toUserView, type UserRow } from '../users/user.row';
import { type PhoneNumberChange, UsersRepository } from '../users/users.repository';
import { isAnonymousNickname, isDefaultAvatar } from '../wechat/anonymous-profile';
import { WechatService, type WechatSession } from '../wechat/wechat.service';
import { WxAppRegistry } from '../wechat/wx-app.registry';
import type { Principal } from '../credentials/principal';
import { CodeExchange } from './code-exchange';
import { OpenDataService } from './open-data.service';
import { RefreshSuccessorSealer, type RefreshSuccessor } from './refresh-successor.sealer';
import { SessionKeyVault } from './session-key.vault';
import { TokenService } from '../credentials/token.service';

/** WeChat's nickName may exceed what we store; profile nicknames set by users are ≤ 32. */
const MAX_WECHAT_NICKNAME = 64;

/**
 * The login use-cases: WeChat code → user + session + tokens; phone number (code or legacy
 * data); legacy user info; refresh rotation; logout. WeChat itself is behind WechatService,
 * storage behind the repositories.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly apps: WxAppRegistry,
    private readonly codes: CodeExchange,
    private readonly wechat: WechatService,
    private readonly openData: OpenDataService,
    private readonly vault: SessionKeyVault,
    private readonly successors: RefreshSuccessorSealer,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    @InjectSettings() private readonly settings: WxLoginSettings,
  ) {}

  async login(request: LoginRequest): Promise<TokenResponse> {
    const app = this.apps.resolve(request.appId);
    const session = await this.codes.exchange(app, request.code);
    const phone =
      request.phone === undefined
        ? undefined
        : await this.phoneAtLogin(app, session, request.phone);

    const sessionId = randomUUID();
    const refresh = this.tokens.issueRefreshToken();
    const owner = { appId: app.appId, openid: session.openid };
    // A literal, not `{ ...owner, … }`: objects made by a spread get hidden classes of their own
    // on Node 20, so every read of them in the repository misses its inline cache.
    let user = await this.users.recordLogin({
      appId: owner.appId,
      openid: owner.openid,
      unionid: session.unionid,
      sessionKeyEnc: this.vault.seal(session.sessionKey, owner),
      sessionKeyFingerprint: this.vault.fingerprint(session.sessionKey),
      sessionId,
      refreshTokenHash: refresh.hash,
      refreshTtlSeconds: this.settings.refreshTokenTtlSeconds,
    });
    if (phone !== undefined) user = await this.savePhone(user.id, phone);
    return this.tokenResponse({ userId: user.id, sessionId }, refresh.token, user);
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const next = this.tokens.issueRefreshToken();
    // Filled in by sealSuccessor, inside the rotation (the session is known only there).
    const issued: { successor?: RefreshSuccessor } = {};
    const outcome = await this.sessions.rotateRefreshToken({
      presentedHash: this.tokens.hashRefreshToken(refreshToken),
      nextHash: next.hash,
      reuseIntervalSeconds: this.settings.refreshReuseIntervalSeconds,
      sealSuccessor: ({ sessionId, userId }) => {
        const successor: RefreshSuccessor = {
          accessToken: this.tokens.signAccessToken({ userId, sessionId }),
          refreshToken: next.token,
          accessTokenExpiresAt: Date.now() + this.tokens.accessTokenTtlSeconds * 1000,
        };
        issued.successor = successor;
        return this.successors.seal(successor, refreshToken, sessionId);
      },
    });
    switch (outcome.kind) {
      case 'invalid':
        throw new ApiError('REFRESH_TOKEN_INVALID');
      case 'reused':
        throw new ApiError('REFRESH_TOKEN_REUSED', 'used refresh token presented: session revoked');
      case 'repeated': {
        const repeated = this.successors.open(
          outcome.successorSealed,
          refreshToken,
          outcome.sessionId,
        );
        if (repeated === undefined) throw new ApiError('REFRESH_TOKEN_INVALID');
        return this.successorResponse(repeated, outcome.user);
      }
      case 'rotated':
        return issued.successor === undefined
          ? this.tokenResponse(
              { userId: outcome.user.id, sessionId: outcome.sessionId },
              next.token,
              outcome.user,
            )
          : this.successorResponse(issued.successor, outcome.user);
    }
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout');
  }

  async bindPhone(principal: Principal, proof: PhoneProof): Promise<UserView> {
    let phone: PhoneNumberChange;
    if ('code' in proof) {
      const state = await this.users.findWechatStateById(principal.userId);
      if (state === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
      phone = await this.wechat.getPhoneNumber(
        this.apps.resolve(state.appId),
        proof.code,
        state.openid,
      );
    } else {
      phone = await this.openData.decryptPhone(principal.userId, proof);
    }
    return toUserView(await this.savePhone(principal.userId, phone));
  }

  async applyUserInfo(principal: Principal, request: UserInfoRequest): Promise<UserView> {
    const profile = await this.openData.verifyUserInfo(principal.userId, request);
    // WeChat's anonymous stand-ins (微信用户, the grey avatar) are skipped: the user keeps their own.
    const nickname = profile.nickName.slice(0, MAX_WECHAT_NICKNAME);
    const user = await this.users.updateProfile(principal.userId, {
      nickname: nickname && !isAnonymousNickname(nickname) ? nickname : undefined,
      avatarUrl:
        profile.avatarUrl && !isDefaultAvatar(profile.avatarUrl) ? profile.avatarUrl : undefined,
      unionid: profile.unionId,
    });
    if (user === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    return toUserView(user);
  }

  private phoneAtLogin(
    app: WxApp,
    session: WechatSession,
    proof: PhoneProof,
  ): Promise<PhoneNumberChange> {
    return 'code' in proof
      ? this.wechat.getPhoneNumber(app, proof.code, session.openid)
      : this.openData.decryptPhoneAtLogin(app, session, proof);
  }

  private async savePhone(userId: string, phone: PhoneNumberChange): Promise<UserRow> {
    const user = await this.users.setPhoneNumber(userId, phone);
    if (user === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    return user;
  }

  /** The pair a refresh handed out (the same again on a repeat), with its remaining life. */
  private successorResponse(successor: RefreshSuccessor, user: UserRow): TokenResponse {
    return {
      accessToken: successor.accessToken,
      refreshToken: successor.refreshToken,
      expiresIn: Math.max(0, Math.floor((successor.accessTokenExpiresAt - Date.now()) / 1000)),
      user: toUserView(user),
    };
  }

  private tokenResponse(principal: Principal, refreshToken: string, user: UserRow): TokenResponse {
    return {
      accessToken: this.tokens.signAccessToken(principal),
      refreshToken,
      expiresIn: this.tokens.accessTokenTtlSeconds,
      user: toUserView(user),
    };
  }
}
