import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { open, seal } from '../common/aead';

/** The tokens a refresh handed out, kept for the reuse interval to hand out again. */
export interface RefreshSuccessor {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token expires, ms since the epoch (its `expiresIn` on a repeat). */
  readonly accessTokenExpiresAt: number;
}

/**
 * Seals the successor of a rotated refresh token (AES-256-GCM) so that it can be handed out again
 * to a client retrying within `refreshReuseIntervalSeconds`, while the database still holds only
 * hashes of usable refresh tokens. The key is derived from the at-rest key AND the presented
 * (predecessor) refresh token, which is never stored: a copy of the database, even with the
 * server's key, cannot open a successor without the token the client sent, and someone holding
 * that token could have refreshed it anyway. The session id is bound in as associated data.
 */
@Injectable()
export class RefreshSuccessorSealer {
  private readonly baseKey: Buffer;

  constructor(@InjectSettings() settings: WxLoginSettings) {
    // A key of its own, derived so that `sessionKeyEncryptionKey` stays the one secret to keep.
    this.baseKey = createHmac('sha256', settings.sessionKeyEncryptionKey)
      .update('refresh-successor')
      .digest();
  }

  seal(successor: RefreshSuccessor, presentedToken: string, sessionId: string): Buffer {
    return seal(this.keyFor(presentedToken), JSON.stringify(successor), sessionId);
  }

  /** `undefined` when the blob was not sealed for this token and session with this key. */
  open(sealed: Buffer, presentedToken: string, sessionId: string): RefreshSuccessor | undefined {
    try {
      return JSON.parse(open(this.keyFor(presentedToken), sealed, sessionId)) as RefreshSuccessor;
    } catch {
      return undefined;
    }
  }

  private keyFor(presentedToken: string): Buffer {
    return createHmac('sha256', this.baseKey).update(presentedToken).digest();
  }
}
