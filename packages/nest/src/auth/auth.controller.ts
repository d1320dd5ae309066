import { Body, Controller, Header, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import {
  LoginRequest,
  PhoneRequest,
  RefreshRequest,
  type TokenResponse,
  UserInfoRequest,
  type UserResponse,
} from '@wxlogin/contracts';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AccessTokenGuard } from '../credentials/access-token.guard';
import { CurrentUser, type Principal } from '../credentials/principal';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { NO_STORE } from '../http/no-store';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { AuthService } from './auth.service';

@Controller('auth')
@UseFilters(ApiExceptionFilter)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @UseGuards(RateLimitGuard)
  @Post('login')
  @HttpCode(200)
  @Header(...NO_STORE)
  login(@Body(new ZodValidationPipe(LoginRequest)) body: LoginRequest): Promise<TokenResponse> {
    return this.auth.login(body);
  }

  @UseGuards(RateLimitGuard)
  @Post('refresh')
  @HttpCode(200)
  @Header(...NO_STORE)
  refresh(
    @Body(new ZodValidationPipe(RefreshRequest)) body: RefreshRequest,
  ): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @UseGuards(AccessTokenGuard)
  @Post('logout')
  @HttpCode(204)
  @Header(...NO_STORE)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @UseGuards(AccessTokenGuard)
  @Post('phone')
  @HttpCode(200)
  @Header(...NO_STORE)
  async phone(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(PhoneRequest)) body: PhoneRequest,
  ): Promise<UserResponse> {
    return { user: await this.auth.bindPhone(principal, body) };
  }

  @UseGuards(AccessTokenGuard)
  @Post('userinfo')
  @HttpCode(200)
  @Header(...NO_STORE)
  async userInfo(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(UserInfoRequest)) body: UserInfoRequest,
  ): Promise<UserResponse> {
    return { user: await this.auth.applyUserInfo(principal, body) };
  }
}
