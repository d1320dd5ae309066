import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { type AvatarResponse, UpdateProfileRequest, type UserView } from '@wxlogin/contracts';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, type Principal } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ProfileService } from './profile.service';

/**
 * @fastify/multipart's own errors carry their HTTP status (413 too large, 406 not multipart);
 * the parser underneath throws plain errors for a malformed body, which is the client's fault.
 */
function asMultipartError(error: unknown): never {
  if (error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number') {
    throw error;
  }
  throw new ApiError('VALIDATION_FAILED', 'malformed multipart body', {
    expose: true,
    cause: error,
  });
}

@Controller('me')
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  get(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.profiles.get(principal.userId);
  }

  @Patch()
  update(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(UpdateProfileRequest)) body: UpdateProfileRequest,
  ): Promise<UserView> {
    return this.profiles.update(principal.userId, body);
  }

  /**
   * multipart/form-data with one file in the field `file` (what `Taro.uploadFile` sends after
   * chooseAvatar). At most 1 MB (PAYLOAD_TOO_LARGE), PNG/JPEG/WebP/GIF by magic bytes
   * (UNSUPPORTED_MEDIA_TYPE); not multipart at all is UNSUPPORTED_MEDIA_TYPE too.
   */
  @Post('avatar')
  @HttpCode(200)
  async uploadAvatar(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<AvatarResponse> {
    if (!request.isMultipart()) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'expected multipart');
    const file = await request.file().catch(asMultipartError);
    if (file === undefined || file.fieldname !== 'file') {
      throw new ApiError('VALIDATION_FAILED', 'file', { expose: true });
    }
    // Throws a 413 error past the 1 MB limit (app.factory.ts).
    const bytes = await file.toBuffer().catch(asMultipartError);
    return { avatarUrl: await this.profiles.uploadAvatar(principal.userId, bytes) };
  }
}
