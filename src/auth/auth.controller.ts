import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Body } from '../common/params.js';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AllowWithPasswordChange, CurrentUser, Public } from '../common/auth.decorators.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './dto/login.dto.js';
import { LoginResult, TokenPair, toUserProfile, UserProfile } from './dto/auth.response.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_PATH } from './login-devices.service.js';
import { AppConfig } from '../config/app-config.js';
import { AuthErrorCode } from './auth.errors.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in with username and password',
    description:
      'Answers a token pair and a `deviceToken`, which browsers also receive as the HttpOnly cookie `sotay_device` ' +
      '(Secure, SameSite=Strict, Path=/api/auth). Repeated wrong passwords for a username throttle it (429) and lock the ' +
      'account (answered like any wrong password) for clients that never logged in to it; a login that presents the ' +
      'device token of an earlier successful login (the cookie, or `deviceToken` in the body) is subject to neither.',
  })
  @ApiOkResponse({
    type: LoginResult,
    headers: {
      'Set-Cookie': {
        description: `${DEVICE_COOKIE}=<deviceToken>; Path=${DEVICE_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict; Max-Age=…`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(400, { 401: [AuthErrorCode.InvalidCredentials], 429: [AuthErrorCode.TooManyLoginAttempts] })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResult> {
    const cookieToken = req.headers.cookie ? parseCookie(req.headers.cookie)[DEVICE_COOKIE] : undefined;
    const result = await this.auth.login(body.username, body.password, req.ip, body.deviceToken ?? cookieToken);
    reply.header(
      'set-cookie',
      stringifySetCookie({
        name: DEVICE_COOKIE,
        value: result.deviceToken,
        path: DEVICE_COOKIE_PATH,
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        maxAge: this.config.LOGIN_DEVICE_DAYS * 86_400,
      }),
    );
    return result;
  }

  @Public()
  @AllowWithPasswordChange()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshToken',
    summary: 'Exchange a refresh token for a new pair',
    description: 'The refresh token is rotated. Presenting a spent one revokes the whole session.',
  })
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, { 401: [AuthErrorCode.InvalidRefreshToken, AuthErrorCode.RefreshTokenReused, AuthErrorCode.SessionEnded] })
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @AllowWithPasswordChange()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'logout',
    summary: 'End the session (its access and refresh tokens), or with `everywhere` every session of the account',
  })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiErrors(400, 401)
  async logout(@CurrentUser() user: Principal, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(user, body.refreshToken, body.everywhere === true);
  }

  @AllowWithPasswordChange()
  @Get('me')
  @ApiOperation({ operationId: 'getCurrentUser', summary: 'The authenticated account' })
  @ApiOkResponse({ type: UserProfile })
  @ApiErrors(401)
  me(@CurrentUser() user: Principal): UserProfile {
    return toUserProfile(user);
  }

  @AllowWithPasswordChange()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({ operationId: 'changePassword', summary: 'Change the own password; other sessions end' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(401, { 400: [AuthErrorCode.PasswordReused] })
  async changePassword(@CurrentUser() user: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
