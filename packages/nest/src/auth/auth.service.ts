import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LoginRequest, TokenResponse, UserInfoRequest, UserView } from '@wxlogin/contracts';
import { ApiError } from '../common/api-error';
import type { Principal } from '../credentials/principal';
import { TokenService } from '../credentials/token.service';
import { OpenDataService } from '../open-data/open-data.service';
import { SessionKeyVault } from '../open-data/session-key.vault';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { PhoneBindingService } from '../phone/phone-binding.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { toUserView, type UserRow } from '../users/user.row';
import { UsersRepository } from '../users/users.repository';
import { isAnonymousNickname, isDefaultAvatar } from '../wechat/anonymous-profile';
import { WxAppRegistry } from '../wechat/wx-app.registry';
import { LoginCodeExchange } from './login-code-exchange';
import { RefreshSuccessorSealer, type RefreshSuccessor } from './refresh-successor.sealer';

/** WeChat's nickName may exceed what we store; profile nicknames set by users are ≤ 32. */
const MAX_WECHAT_NICKNAME = 64;

/**
 * The login use-cases: WeChat login code → user + our session + our tokens (with a phone number
 * when the login carries a proof of one); legacy user info; refresh rotation; logout. WeChat
 * itself is behind LoginCodeExchange and OpenDataService, storage behind the repositories.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly apps: WxAppRegistry,
    private readonly loginCodes: LoginCodeExchange,
    private readonly phones: PhoneBindingService,
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
    const wechatSession = await this.loginCodes.exchange(app, request.code);
    const phone =
      request.phone === undefined
        ? undefined
        : await this.phones.provenAtLogin(app, wechatSession, request.phone);

    const sessionId = randomUUID();
    const refresh = this.tokens.issueRefreshToken();
    const owner = { appId: app.appId, openid: wechatSession.openid };
    // A literal, not a spread of `owner` (docs/performance.md).
    let user = await this.users.recordLogin({
      appId: owner.appId,
      openid: owner.openid,
      unionid: wechatSession.unionid,
      sessionKeyEnc: this.vault.seal(wechatSession.sessionKey, owner),
      sessionKeyFingerprint: this.vault.fingerprint(wechatSession.sessionKey),
      sessionId,
      refreshTokenHash: refresh.hash,
      refreshTtlSeconds: this.settings.refreshTokenTtlSeconds,
    });
    if (phone !== undefined) user = await this.phones.save(user.id, phone);
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
