import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Put,
  Req,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { type AvatarResponse, UpdateProfileRequest, type UserView } from '@wxlogin/contracts';
import type { FastifyRequest } from 'fastify';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AccessTokenGuard } from '../credentials/access-token.guard';
import { CurrentUser, type Principal } from '../credentials/principal';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { NO_STORE } from '../http/no-store';
import { readAvatarUpload } from './avatar-upload';
import { ProfileService } from './profile.service';

@Controller('me')
@UseGuards(AccessTokenGuard)
@UseFilters(ApiExceptionFilter)
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @Header(...NO_STORE)
  get(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.profiles.get(principal.userId);
  }

  @Put()
  @Header(...NO_STORE)
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
  @Header(...NO_STORE)
  async uploadAvatar(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<AvatarResponse> {
    const bytes = await readAvatarUpload(request.raw);
    return { avatarUrl: await this.profiles.uploadAvatar(principal.userId, bytes) };
  }
}
