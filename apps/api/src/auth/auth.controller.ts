import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  LoginRequest,
  PhoneRequest,
  RefreshRequest,
  type TokenResponse,
  UserInfoRequest,
  type UserResponse,
} from '@wxlogin/contracts';
import { RateLimitGuard } from '../common/rate-limit.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CurrentUser, type Principal, Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(RateLimitGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(LoginRequest)) body: LoginRequest): Promise<TokenResponse> {
    return this.auth.login(body);
  }

  @Public()
  @UseGuards(RateLimitGuard)
  @Post('refresh')
  @HttpCode(200)
  refresh(
    @Body(new ZodValidationPipe(RefreshRequest)) body: RefreshRequest,
  ): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Post('phone')
  @HttpCode(200)
  async phone(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(PhoneRequest)) body: PhoneRequest,
  ): Promise<UserResponse> {
    return { user: await this.auth.bindPhone(principal, body) };
  }

  @Post('userinfo')
  @HttpCode(200)
  async userInfo(
    @CurrentUser() principal: Principal,
    @Body(new ZodValidationPipe(UserInfoRequest)) body: UserInfoRequest,
  ): Promise<UserResponse> {
    return { user: await this.auth.applyUserInfo(principal, body) };
  }
}
