import { Controller, Header, UseFilters, UseGuards } from '@nestjs/common';
import { type PhoneRequest, SERVER_ROUTES, type UserResponse } from '@wxlogin/contracts';
import { CurrentUser, type Principal } from '../credentials/principal';
import { WxLoginAuthGuard } from '../credentials/wxlogin-auth.guard';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { NO_STORE } from '../http/no-store';
import { BodyOf, WxLoginRoute } from '../http/wxlogin-route';
import { PhoneBindingService } from './phone-binding.service';

@Controller()
@UseFilters(ApiExceptionFilter)
export class PhoneController {
  constructor(private readonly phones: PhoneBindingService) {}

  @UseGuards(WxLoginAuthGuard)
  @WxLoginRoute(SERVER_ROUTES.phone)
  @Header(...NO_STORE)
  async bind(
    @CurrentUser() principal: Principal,
    @BodyOf(SERVER_ROUTES.phone) body: PhoneRequest,
  ): Promise<UserResponse> {
    return { user: await this.phones.bind(principal, body) };
  }
}
