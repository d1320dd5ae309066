import Taro from '@tarojs/taro';

/**
 * WeChat's privacy consent (base library ≥ 2.32.3, required since 2023-10-17): a privacy API
 * (the phone button, chooseAvatar, the nickname input) used before the user agreed to the app's
 * 用户隐私保护指引 stays pending and WeChat fires `onNeedPrivacyAuthorization`; the app shows its
 * own consent sheet and answers with `resolve`. One module holds the state because WeChat keeps
 * only the last listener registered; the sheet (a component on each page that uses privacy APIs)
 * renders it.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

/** The `id` of the sheet's 同意 button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

let sheetShown = false;
let pendingRequests: Resolve[] = [];
const listeners = new Set<() => void>();

function update(shown: boolean): void {
  sheetShown = shown;
  for (const listener of listeners) listener();
}

/** Registers the listener and asks whether consent is missing; call once at launch. */
export function watchPrivacyConsent(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  if (Taro.canIUse('onNeedPrivacyAuthorization')) {
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pendingRequests.push(resolve);
      // Tells WeChat the app's own sheet is on screen for this request.
      resolve({ event: 'exposureAuthorization' });
      update(true);
    });
  }
  // As WeChat's guide recommends: when consent is missing at launch, show the sheet up front.
  if (Taro.canIUse('getPrivacySetting')) {
    Taro.getPrivacySetting({
      success: ({ needAuthorization }) => {
        if (needAuthorization) update(true);
      },
    });
  }
}

/** Shows the sheet without a pending request (after errno 104: the user has not agreed). */
export function askForPrivacyConsent(): void {
  update(true);
}

/** Answers every pending request: agreed (after the 同意 button's own event) or refused. */
export function answerPrivacyConsent(agreed: boolean): void {
  for (const resolve of pendingRequests) {
    resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
  }
  pendingRequests = [];
  update(false);
}

export function subscribeToPrivacyConsent(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function isPrivacySheetShown(): boolean {
  return sheetShown;
}
