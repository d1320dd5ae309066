import { meRoute, updateProfileRoute, uploadAvatarRoute, type UserView } from '@wxlogin/contracts';
import { SignedOutError } from '../errors.js';
import type { AuthorizedApi } from '../http/authorized-api.js';
import type { SessionStore } from '../session/session.store.js';

/** The signed-in user's own record: read it, rename, change the avatar. */
export interface Profile {
  /** Reloads the user from the API. */
  readonly fetchMe: () => Promise<UserView>;
  /** Saves a new nickname (the API trims it and checks 1–32 characters). */
  readonly updateNickname: (nickname: string) => Promise<UserView>;
  /** Uploads a local image (the `chooseAvatar` temporary file) as the user's avatar. */
  readonly uploadAvatar: (filePath: string) => Promise<UserView>;
}

export function createProfile(requests: AuthorizedApi, session: SessionStore): Profile {
  function keepUser(user: UserView): UserView {
    session.replaceUser(user);
    return user;
  }

  return {
    fetchMe: async () => keepUser(await requests.call(meRoute, undefined)),
    updateNickname: async (nickname) =>
      keepUser(await requests.call(updateProfileRoute, { nickname })),
    uploadAvatar: async (filePath) => {
      const { avatarUrl } = await requests.upload(uploadAvatarRoute, filePath);
      // The API already made the upload the user's avatar: no need to fetch the user again.
      const user = session.user;
      if (!user) throw new SignedOutError();
      return keepUser({ ...user, avatarUrl });
    },
  };
}
