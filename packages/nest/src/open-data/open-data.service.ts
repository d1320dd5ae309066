import { Injectable } from '@nestjs/common';
import type { UserInfoRequest } from '@wxlogin/contracts';
import {
  decryptUserInfo,
  InvalidBase64Error,
  isWxCryptoError,
  type UserInfoPayload,
  verifyRawDataSignature,
} from '@wxlogin/wxcrypto';
import { InjectSettings, type WxApp, type WxLoginSettings } from '../options/wxlogin-options';
import { ApiError } from '../common/api-error';
import { type WxLoginLogger, InjectLogger } from '../common/logger';
import { type UserWechatState, UsersRepository } from '../users/users.repository';
import type { WechatSession } from '../wechat/wechat-session';
import { WechatService } from '../wechat/wechat.service';
import { WxAppRegistry } from '../wechat/wx-app.registry';
import { SessionKeyVault } from './session-key.vault';

/** Decrypts one payload with a candidate session_key for `appId`; wxcrypto's errors as thrown. */
export type OpenDataDecryption<T> = (sessionKey: string, appId: string) => T;

interface CandidateKey {
  sessionKey: string;
  isPrevious: boolean;
}

/**
 * The key did not fit: bad padding, or (rarely, with a wrong key whose padding happens to look
 * valid) garbage that is not JSON with a watermark. Both mean "try another key".
 */
function isKeyMismatch(error: unknown): boolean {
  return (
    isWxCryptoError(error) &&
    (error.code === 'DECRYPTION_FAILED' || error.code === 'MALFORMED_PLAINTEXT')
  );
}

/**
 * wxcrypto's typed errors → contract codes. Documented choice: base64 that cannot be repaired and
 * an IV that is not 16 bytes are VALIDATION_FAILED (the request is malformed, not the data
 * WeChat produced); an expired watermark is OPEN_DATA_INVALID; an appid mismatch is
 * WATERMARK_MISMATCH; a stored key that is not a key any more is SESSION_KEY_STALE.
 */
function openDataFailureToApiError(error: unknown): ApiError {
  if (!isWxCryptoError(error))
    return new ApiError('INTERNAL_ERROR', 'decryption failed', { cause: error });
  switch (error.code) {
    case 'INVALID_BASE64':
      return error instanceof InvalidBase64Error && error.field === 'sessionKey'
        ? new ApiError('SESSION_KEY_STALE', error.message)
        : new ApiError('VALIDATION_FAILED', error.message, { expose: true });
    case 'INVALID_IV':
      return new ApiError('VALIDATION_FAILED', 'iv', { expose: true });
    case 'INVALID_SESSION_KEY':
      return new ApiError('SESSION_KEY_STALE', error.message);
    case 'WATERMARK_MISMATCH':
      return new ApiError('WATERMARK_MISMATCH', error.message);
    case 'DECRYPTION_FAILED':
    case 'MALFORMED_PLAINTEXT':
    case 'WATERMARK_EXPIRED':
      return new ApiError('OPEN_DATA_INVALID', error.message);
  }
}

/**
 * Decrypts and verifies legacy open data (phone `encryptedData`, `getUserInfo`) with the session
 * keys stored for the user, and tells the failures apart (what the data holds is the caller's):
 * 1. the current key; 2. the previous key, if it was replaced less than `sessionKeyGraceSeconds`
 *    ago — docs/wechat-protocol.md#pitfall-stale-session-key: data captured, then `wx.login`, then
 *    sent (logged when used);
 * 3. otherwise WeChat's `wxa/checksession` decides: the current key is stale (87009) or WeChat
 *    cannot be asked ⇒ SESSION_KEY_STALE (re-login fixes it, and is harmless); the key is valid
 *    ⇒ OPEN_DATA_INVALID (the data itself is wrong; re-login will not help).
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly users: UsersRepository,
    private readonly vault: SessionKeyVault,
    private readonly wechat: WechatService,
    private readonly apps: WxAppRegistry,
    @InjectSettings() private readonly settings: WxLoginSettings,
    @InjectLogger() private readonly logger: WxLoginLogger,
  ) {}

  /**
   * Data sent with the login itself: the key just obtained, then the key stored before this login
   * (data captured before the client's `wx.login`). If neither fits, the data predates even that
   * key: SESSION_KEY_STALE (no need to ask WeChat about a key it just issued).
   */
  async decryptAtLogin<T>(
    app: WxApp,
    wechatSession: WechatSession,
    decrypt: OpenDataDecryption<T>,
  ): Promise<T> {
    const candidates: CandidateKey[] = [
      { sessionKey: wechatSession.sessionKey, isPrevious: false },
    ];
    const stored = await this.users.findSessionKeyByOpenid(app.appId, wechatSession.openid);
    if (stored !== undefined) {
      const storedKey = this.openSealed(stored, app.appId, wechatSession.openid);
      if (storedKey !== undefined && storedKey !== wechatSession.sessionKey) {
        candidates.push({ sessionKey: storedKey, isPrevious: true });
      }
    }
    const result = this.firstFitting(candidates, (sessionKey) => decrypt(sessionKey, app.appId));
    if (result === undefined) throw new ApiError('SESSION_KEY_STALE', 'data predates the login');
    this.noteIfPrevious(result.isPrevious, app.appId);
    return result.value;
  }

  /** Data of a signed-in user, with the keys stored for them. */
  async decryptForUser<T>(userId: string, decrypt: OpenDataDecryption<T>): Promise<T> {
    const { app, state, candidates } = await this.keysOf(userId);
    const result = this.firstFitting(candidates, (sessionKey) => decrypt(sessionKey, app.appId));
    if (result === undefined) throw await this.verdictWhenNoKeyFits(app, state, candidates);
    this.noteIfPrevious(result.isPrevious, app.appId);
    return result.value;
  }

  /**
   * getUserInfo data: the key whose rawData signature matches decrypts the payload. When no key
   * signs it but one decrypts it, the rawData or signature was altered: SIGNATURE_INVALID.
   */
  async verifyUserInfo(userId: string, request: UserInfoRequest): Promise<UserInfoPayload> {
    const { app, state, candidates } = await this.keysOf(userId);
    const decrypt = (sessionKey: string) =>
      decryptUserInfo({
        sessionKey,
        encryptedData: request.encryptedData,
        iv: request.iv,
        appId: app.appId,
      });
    const signer = candidates.find((candidate) =>
      verifyRawDataSignature(request.rawData, candidate.sessionKey, request.signature),
    );
    if (signer !== undefined) {
      try {
        const payload = decrypt(signer.sessionKey);
        this.noteIfPrevious(signer.isPrevious, app.appId);
        return payload;
      } catch (error) {
        // Signed by this key but not decryptable with it: the ciphertext was tampered with.
        throw openDataFailureToApiError(error);
      }
    }
    if (this.firstFitting(candidates, decrypt) !== undefined) {
      throw new ApiError('SIGNATURE_INVALID', 'rawData signature matches no stored key');
    }
    throw await this.verdictWhenNoKeyFits(app, state, candidates);
  }

  private async keysOf(userId: string) {
    const state = await this.users.findWechatStateById(userId);
    if (state === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    const app = this.apps.resolve(state.appId);
    const current = this.openSealed(state.sessionKeyEnc, state.appId, state.openid);
    const candidates: CandidateKey[] = [];
    if (current !== undefined) candidates.push({ sessionKey: current, isPrevious: false });
    const rotatedAgoMs = Date.now() - state.sessionKeyRotatedAt.getTime();
    if (
      state.previousSessionKeyEnc !== null &&
      rotatedAgoMs <= this.settings.sessionKeyGraceSeconds * 1000
    ) {
      const previous = this.openSealed(state.previousSessionKeyEnc, state.appId, state.openid);
      if (previous !== undefined) candidates.push({ sessionKey: previous, isPrevious: true });
    }
    return { app, state, candidates };
  }

  private firstFitting<T>(
    candidates: readonly CandidateKey[],
    decrypt: (sessionKey: string) => T,
  ): { value: T; isPrevious: boolean } | undefined {
    for (const candidate of candidates) {
      try {
        return { value: decrypt(candidate.sessionKey), isPrevious: candidate.isPrevious };
      } catch (error) {
        if (!isKeyMismatch(error)) throw openDataFailureToApiError(error);
      }
    }
    return undefined;
  }

  private async verdictWhenNoKeyFits(
    app: WxApp,
    state: UserWechatState,
    candidates: readonly CandidateKey[],
  ): Promise<ApiError> {
    const current = candidates.find((candidate) => !candidate.isPrevious);
    if (current === undefined) return new ApiError('SESSION_KEY_STALE', 'no usable stored key');
    const status = await this.wechat.checkSessionKey(app, state.openid, current.sessionKey);
    switch (status) {
      case 'valid':
        return new ApiError(
          'OPEN_DATA_INVALID',
          'stored key is current; the data does not decrypt',
        );
      case 'invalid':
        return new ApiError(
          'SESSION_KEY_STALE',
          'checksession: the stored key is no longer current',
        );
      case 'unknown':
        return new ApiError(
          'SESSION_KEY_STALE',
          'checksession unreachable; re-login is the likely fix',
        );
    }
  }

  private openSealed(sealed: Buffer, appId: string, openid: string): string | undefined {
    try {
      return this.vault.open(sealed, { appId, openid });
    } catch (error) {
      // Sealed under another `sessionKeyEncryptionKey` (rotated config): the next login heals it.
      this.logger.error({ err: error, appId }, 'stored session_key does not open');
      return undefined;
    }
  }

  private noteIfPrevious(isPrevious: boolean, appId: string) {
    if (isPrevious) {
      this.logger.info(
        { appId },
        'open data decrypted with the previous session_key (captured before the last wx.login)',
      );
    }
  }
}
