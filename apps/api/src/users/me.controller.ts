import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { type AvatarResponse, UpdateProfileRequest, type UserView } from '@wxlogin/contracts';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, type Principal } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { readAvatarUpload } from './avatar-upload';
import { ProfileService } from './profile.service';

@Controller('me')
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  get(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.profiles.get(principal.userId);
  }

  @Put()
  update(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(UpdateProfileRequest)) body: UpdateProfileRequest,
  ): Promise<UserView> {
    return this.profiles.update(principal.userId, body);
  }

  /**
   * multipart/form-data with one file in the field `file` (see avatar-upload.ts), at most 1 MB;
   * PNG/JPEG/WebP/GIF by magic bytes, anything else is UNSUPPORTED_MEDIA_TYPE.
   */
  @Post('avatar')
  @HttpCode(200)
  async uploadAvatar(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<AvatarResponse> {
    const bytes = await readAvatarUpload(request.raw);
    return { avatarUrl: await this.profiles.uploadAvatar(principal.userId, bytes) };
  }
}
