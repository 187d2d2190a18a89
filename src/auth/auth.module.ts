import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config.js';
import { AccountPersonalDataRepository } from './account-personal-data.repository.js';
import { AccountPersonalDataService } from './account-personal-data.service.js';
import { AccountsBootstrap } from './accounts-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { JwtAuthGuard, PasswordChangeGuard, RolesGuard } from './auth.guards.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { jwtKey } from './jwt-key.js';
import { LockoutService } from './lockout.service.js';
import { LoginDevicesService } from './login-devices.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { RateLimitStore } from '../common/rate-limit.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity.js';
import { AuthSession, RefreshToken } from './session.entity.js';
import { PasswordHistoryEntry } from './password-history.entity.js';
import { LoginDevice } from './login-device.entity.js';
import { RateLimitCounter } from '../common/rate-limit.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthSession, RefreshToken, PasswordHistoryEntry, LoginDevice, RateLimitCounter]), 
    PassportModule,
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
    RateLimitStore,
    JwtStrategy,
    AccountsBootstrap,
    AccountPersonalDataService,
    AccountPersonalDataRepository,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    // after the JWT guard (it reads the loaded caller), before the role check
    { provide: APP_GUARD, useClass: PasswordChangeGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    // last: public routes count per client, writes per account (only those the caller may make)
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [AuthService, AccountsBootstrap, LockoutService, AccountPersonalDataService],
})
export class AuthModule {}
