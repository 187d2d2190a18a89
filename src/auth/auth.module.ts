import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config.js';
import { AccountsBootstrap } from './accounts-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { AccessGuard } from './auth.guards.js';
import { AuthService } from './auth.service.js';
import { jwtKey } from './jwt-key.js';
import { LockoutService } from './lockout.service.js';
import { LoginDevicesService } from './login-devices.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { LoginDevicesRepository } from './login-devices.repository.js';
import { PasswordHistoryRepository } from './password-history.repository.js';
import { PasswordHistoryService } from './password-history.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UsersRepository } from './users.repository.js';
import { RateLimitModule } from '../common/rate-limit.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity.js';
import { AuthSession, RefreshToken } from './session.entity.js';
import { PasswordHistoryEntry } from './password-history.entity.js';
import { LoginDevice } from './login-device.entity.js';

/**
 * Auth: login, tokens, guards, the current user.
 *
 * Tables: auth OWNS `users`, `auth_sessions`, `refresh_tokens`, `login_devices` and
 * `password_history` (and runs the shared `rate_limit_counters` of common/). Only auth's
 * repositories (users, sessions, login-devices, password-history .repository.ts) write them. The
 * modules above reach accounts through auth's services, never through these entities or
 * repositories: the accounts module (staff accounts, members' logins) through UserAccountsService,
 * and the members and committees modules through the accounts module's hooks, which call it too
 * (a member leaving: MemberAccountsService.endForMember; a merge: UsersService.moveCommitteeAccounts).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken, PasswordHistoryEntry, LoginDevice]),
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config),
        signOptions: { expiresIn: config.JWT_ACCESS_TTL, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginThrottleService,
    LockoutService,
    LoginDevicesService,
    PasswordHistoryService,
    UserAccountsService,
    UsersRepository,
    SessionsRepository,
    LoginDevicesRepository,
    PasswordHistoryRepository,
    AccountsBootstrap,
    // the token, the password-change gate, the roles, then the rate limits (public routes count per
    // client, writes per account: only those the caller may make)
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, AccountsBootstrap, UserAccountsService],
})
export class AuthModule {}
