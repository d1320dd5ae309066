import { Controller, Header, UseFilters, UseGuards } from '@nestjs/common';
import {
  type LoginRequest,
  type RefreshRequest,
  SERVER_ROUTES,
  type TokenResponse,
  type UserInfoRequest,
  type UserResponse,
} from '@wxlogin/contracts';
import { CurrentUser, type Principal } from '../credentials/principal';
import { WxLoginAuthGuard } from '../credentials/wxlogin-auth.guard';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { NO_STORE } from '../http/no-store';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { BodyOf, WxLoginRoute } from '../http/wxlogin-route';
import { AuthService } from './auth.service';

@Controller()
@UseFilters(ApiExceptionFilter)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @UseGuards(RateLimitGuard)
  @WxLoginRoute(SERVER_ROUTES.login)
  @Header(...NO_STORE)
  login(@BodyOf(SERVER_ROUTES.login) body: LoginRequest): Promise<TokenResponse> {
    return this.auth.login(body);
  }

  @UseGuards(RateLimitGuard)
  @WxLoginRoute(SERVER_ROUTES.refresh)
  @Header(...NO_STORE)
  refresh(@BodyOf(SERVER_ROUTES.refresh) body: RefreshRequest): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @UseGuards(WxLoginAuthGuard)
  @WxLoginRoute(SERVER_ROUTES.logout)
  @Header(...NO_STORE)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @UseGuards(WxLoginAuthGuard)
  @WxLoginRoute(SERVER_ROUTES.userInfo)
  @Header(...NO_STORE)
  async userInfo(
    @CurrentUser() principal: Principal,
    @BodyOf(SERVER_ROUTES.userInfo) body: UserInfoRequest,
  ): Promise<UserResponse> {
    return { user: await this.auth.applyUserInfo(principal, body) };
  }
}
