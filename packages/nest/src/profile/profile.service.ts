import { Injectable } from '@nestjs/common';
import {
  pathOf,
  SERVER_ROUTES,
  type UpdateProfileRequest,
  type UserView,
} from '@wxlogin/contracts';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { ApiError } from '../common/api-error';
import { AvatarsRepository } from './avatars.repository';
import { sniffImageType } from './image-type';
import { toUserView } from '../users/user.row';
import { UsersRepository } from '../users/users.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signed-in user's own profile: read, edit, avatar upload. */
@Injectable()
export class ProfileService {
  private readonly avatarUrlPrefix: string;

  constructor(
    private readonly users: UsersRepository,
    private readonly avatars: AvatarsRepository,
    @InjectSettings() settings: WxLoginSettings,
  ) {
    // The avatar route's path up to its `{id}`: the module serves it at that full path.
    this.avatarUrlPrefix = settings.publicBaseUrl + pathOf(SERVER_ROUTES.avatar, { id: '' });
  }

  async get(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    return toUserView(user);
  }

  /**
   * Avatar URLs are accepted when they point at an avatar uploaded here
   * (`publicBaseUrl` + the avatar route's path) or use https (e.g. WeChat's own `thirdwx.qlogo.cn`):
   * plain http elsewhere would be mixed content in the mini-program and an open tracking pixel.
   * chooseAvatar's temporary local paths must be uploaded first (the avatar upload route).
   */
  async update(userId: string, request: UpdateProfileRequest): Promise<UserView> {
    if (request.avatarUrl !== undefined && !this.isAcceptableAvatarUrl(request.avatarUrl)) {
      throw new ApiError('VALIDATION_FAILED', 'avatarUrl must be https or an uploaded avatar', {
        expose: true,
      });
    }
    const user = await this.users.updateProfile(userId, {
      nickname: request.nickname,
      avatarUrl: request.avatarUrl,
    });
    if (user === undefined) throw new ApiError('UNAUTHENTICATED', 'user no longer exists');
    return toUserView(user);
  }

  /** Stores an uploaded image and makes it the user's avatar; returns its public URL. */
  async uploadAvatar(userId: string, bytes: Buffer): Promise<string> {
    const contentType = sniffImageType(bytes);
    if (contentType === undefined) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'not a PNG, JPEG, WebP or GIF image');
    }
    const id = await this.avatars.insert(userId, contentType, bytes);
    const avatarUrl = this.avatarUrlPrefix + id;
    await this.users.updateProfile(userId, { avatarUrl });
    return avatarUrl;
  }

  private isAcceptableAvatarUrl(url: string): boolean {
    if (url.startsWith(this.avatarUrlPrefix))
      return UUID.test(url.slice(this.avatarUrlPrefix.length));
    return url.startsWith('https://');
  }
}
