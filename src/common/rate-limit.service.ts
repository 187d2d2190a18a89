import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { ApiError } from './errors.js';
import { RateLimitRepository, type CounterTx } from './rate-limit.repository.js';

/** One counter and the most hits it allows in a window. */
export interface RateLimit {
  key: string;
  max: number;
}

/** A counter over its limit, and the seconds until its window ends. */
export interface RateLimitExceeded {
  key: string;
  retryAfter: number;
}

/** The 429 every limit answers with: the one error body and a Retry-After header. */
export function tooManyRequests(retryAfter: number, code = 'RATE_LIMITED', message = 'Too many requests'): ApiError {
  const seconds = String(Math.max(1, Math.ceil(retryAfter)));
  return new ApiError(429, code, `${message}; try again in ${seconds} s`, undefined, { 'retry-after': seconds });
}

/**
 * Fixed-window counters kept in PostgreSQL (table rate_limit_counters), so that every process of
 * the API counts against the same limits. One statement (an upsert) counts a hit on any number of
 * keys; expired rows are swept every ten minutes.
 */
@Injectable()
export class RateLimitStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly counters: RateLimitRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep().catch((e) => this.logger.warn(`sweep failed: ${e}`)), 10 * 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** A client address as a counter key: a keyed hash, never the address itself. */
  clientKey(prefix: string, address: string): string {
    return `${prefix}:c:` + createHmac('sha256', this.config.JWT_SECRET!).update(address).digest('hex').slice(0, 40);
  }

  /** Counts one hit on every key; answers the first key now over its limit, or null. */
  async hit(limits: RateLimit[], windowSeconds: number): Promise<RateLimitExceeded | null> {
    if (!limits.length) return null;
    const rows = await this.counters.hit(
      limits.map((l) => l.key),
      windowSeconds,
    );
    for (const limit of limits) {
      const row = rows.find((r) => r.key === limit.key);
      if (row && row.hits > limit.max) return { key: limit.key, retryAfter: Number(row.retry_after) };
    }
    return null;
  }

  /** Forgets a counter (a successful login or an unlock clears its username's), in `tx`'s transaction when given. */
  async reset(key: string, tx?: CounterTx): Promise<void> {
    await this.counters.delete(key, tx);
  }

  async sweep(): Promise<void> {
    await this.counters.deleteExpired();
  }
}
