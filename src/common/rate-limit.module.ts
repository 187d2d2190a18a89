import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitCounter } from './rate-limit.entity.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { RateLimitStore } from './rate-limit.service.js';

/**
 * The rate limiter's counters (`rate_limit_counters`), shared by every instance through the
 * database: the RateLimitGuard (registered by auth, after the JWT guard) and the login throttle use it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitCounter])],
  providers: [RateLimitRepository, RateLimitStore],
  exports: [RateLimitStore],
})
export class RateLimitModule {}
