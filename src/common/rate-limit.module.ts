import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitCounter } from './rate-limit.entity.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { RateLimitStore } from './rate-limit.service.js';
import { RateLimits } from './rate-limits.js';

/**
 * The rate limiter's counters (`rate_limit_counters`), shared by every instance through the
 * database: the API's rate limits (RateLimits, checked by auth's global guard after the caller is
 * known) and the login throttle use it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitCounter])],
  providers: [RateLimitRepository, RateLimitStore, RateLimits],
  exports: [RateLimitStore, RateLimits],
})
export class RateLimitModule {}
