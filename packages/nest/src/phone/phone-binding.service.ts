import { Injectable } from '@nestjs/common';
import type { PhoneProof, UserView } from '@wxlogin/contracts';
import { decryptPhoneNumber, type EncryptedOpenData } from '@wxlogin/wxcrypto';
import { ApiError } from '../common/api-error';
import type { Principal } from '../credentials/principal';
import { OpenDataService, type OpenDataDecryption } from '../open-data/open-data.service';
import type { WxApp } from '../options/wxlogin-options';
import { toUserView, type UserRow } from '../users/user.row';
import { UsersRepository } from '../users/users.repository';
import type { WechatSession } from '../wechat/wechat-session';
import { WxAppRegistry } from '../wechat/wx-app.registry';
import { PhoneCodeExchange } from './phone-code.exchange';
import type { PhoneNumber } from './phone-number';
import { PhoneNumbersRepository } from './phone-numbers.repository';

/** The legacy `getPhoneNumber` payload (`encryptedData` + `iv`), decrypted with one candidate key. */
function legacyPhoneIn(data: EncryptedOpenData): OpenDataDecryption<PhoneNumber> {
  return (sessionKey, appId) => decryptPhoneNumber({ sessionKey, ...data, appId });
}

/**
 * Binds a phone number to a user from either proof the mini-program has: a phone code (exchanged
 * with WeChat's getuserphonenumber) or legacy `encryptedData` (decrypted with the stored
 * session_key). A changed number moves the previous one to the history.
 */
@Injectable()
export class PhoneBindingService {
  constructor(
    private readonly apps: WxAppRegistry,
    private readonly phoneCodes: PhoneCodeExchange,
    private readonly openData: OpenDataService,
    private readonly users: UsersRepository,
    private readonly phoneNumbers: PhoneNumbersRepository,
  ) {}

  /** `POST /api/auth/phone`: the signed-in user's number. */
  async bind(principal: Principal, proof: PhoneProof): Promise<UserView> {
    let phone: PhoneNumber;
    if ('code' in proof) {
      const state = await this.users.findWechatStateById(principal.userId);
      if (state === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
      phone = await this.phoneCodes.exchange(
        this.apps.resolve(state.appId),
        proof.code,
        state.openid,
      );
    } else {
      phone = await this.openData.decryptForUser(principal.userId, legacyPhoneIn(proof));
    }
    return toUserView(await this.save(principal.userId, phone));
  }

  /**
   * The number proven along with a login, read before the login is stored: legacy data may be
   * sealed under the key stored before it ({@link OpenDataService.decryptAtLogin}).
   */
  provenAtLogin(app: WxApp, wechatSession: WechatSession, proof: PhoneProof): Promise<PhoneNumber> {
    return 'code' in proof
      ? this.phoneCodes.exchange(app, proof.code, wechatSession.openid)
      : this.openData.decryptAtLogin(app, wechatSession, legacyPhoneIn(proof));
  }

  async save(userId: string, phone: PhoneNumber): Promise<UserRow> {
    const user = await this.phoneNumbers.set(userId, phone);
    if (user === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    return user;
  }
}
