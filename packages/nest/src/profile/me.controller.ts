import { Controller, Header, Req, UseFilters, UseGuards } from '@nestjs/common';
import {
  type AvatarResponse,
  SERVER_ROUTES,
  type UpdateProfileRequest,
  type UserView,
} from '@wxlogin/contracts';
import type { FastifyRequest } from 'fastify';
import { WxLoginAuthGuard } from '../credentials/wxlogin-auth.guard';
import { CurrentUser, type Principal } from '../credentials/principal';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { NO_STORE } from '../http/no-store';
import { BodyOf, WxLoginRoute } from '../http/wxlogin-route';
import { readAvatarUpload } from './avatar-upload';
import { ProfileService } from './profile.service';

@Controller()
@UseGuards(WxLoginAuthGuard)
@UseFilters(ApiExceptionFilter)
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @WxLoginRoute(SERVER_ROUTES.me)
  @Header(...NO_STORE)
  get(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.profiles.get(principal.userId);
  }

  @WxLoginRoute(SERVER_ROUTES.updateProfile)
  @Header(...NO_STORE)
  update(
    @CurrentUser() principal: Principal,
    @BodyOf(SERVER_ROUTES.updateProfile) body: UpdateProfileRequest,
  ): Promise<UserView> {
    return this.profiles.update(principal.userId, body);
  }

  /**
   * multipart/form-data with one file in the field `file` (see avatar-upload.ts), at most 1 MB;
   * PNG/JPEG/WebP/GIF by magic bytes, anything else is UNSUPPORTED_MEDIA_TYPE.
   */
  @WxLoginRoute(SERVER_ROUTES.uploadAvatar)
  @Header(...NO_STORE)
  async uploadAvatar(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<AvatarResponse> {
    const bytes = await readAvatarUpload(request.raw);
    return { avatarUrl: await this.profiles.uploadAvatar(principal.userId, bytes) };
  }
}
