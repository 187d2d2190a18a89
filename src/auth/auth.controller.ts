import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AllowWithPasswordChange, CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './dto/login.dto.js';
import { TokenPair, toUserProfile, UserProfile } from './dto/auth.response.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Log in with username and password' })
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Req() req: FastifyRequest): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, req.ip);
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
  @ApiErrors(400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @AllowWithPasswordChange()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End the session (its access and refresh tokens)' })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiErrors(400, 401)
  async logout(@CurrentUser() user: Principal, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(user, body.refreshToken);
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
  @ApiErrors(400, 401)
  async changePassword(@CurrentUser() user: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
