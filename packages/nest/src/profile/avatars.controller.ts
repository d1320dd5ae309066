import { Controller, Param, Res, UseFilters } from '@nestjs/common';
import { SERVER_ROUTES } from '@wxlogin/contracts';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/api-error';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { WxLoginRoute } from '../http/wxlogin-route';
import { AvatarsRepository } from './avatars.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Controller()
@UseFilters(ApiExceptionFilter)
export class AvatarsController {
  constructor(private readonly avatars: AvatarsRepository) {}

  /** Public: avatars are shown to anyone. An id never changes content, hence `immutable`. */
  @WxLoginRoute(SERVER_ROUTES.avatar)
  async get(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const avatar = UUID.test(id) ? await this.avatars.find(id) : undefined;
    if (avatar === undefined) throw new ApiError('NOT_FOUND');
    await reply
      .header('content-type', avatar.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .send(avatar.bytes);
  }
}
