import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ApiError } from './errors.js';

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
    @InjectDataSource() private readonly db: DataSource,
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
    const values = limits.map((_, i) => `($${i + 2}, now() + make_interval(secs => $1), 1)`).join(', ');
    const rows: { key: string; hits: number; retry_after: string }[] = await this.db.query(
      `INSERT INTO rate_limit_counters AS t (key, window_ends_at, hits)
       VALUES ${values}
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE t.window_ends_at END
       RETURNING key, hits, extract(epoch FROM t.window_ends_at - now()) AS retry_after`,
      [windowSeconds, ...limits.map((l) => l.key)],
    );
    for (const limit of limits) {
      const row = rows.find((r) => r.key === limit.key);
      if (row && row.hits > limit.max) return { key: limit.key, retryAfter: Number(row.retry_after) };
    }
    return null;
  }

  /** Forgets a counter (a successful login or an unlock clears its username's), in `m`'s transaction when given. */
  async reset(key: string, m: Pick<EntityManager, 'query'> = this.db): Promise<void> {
    await m.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [key]);
  }

  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counters WHERE window_ends_at <= now()`);
  }
}
