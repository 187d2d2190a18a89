import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import type { Principal } from './principal.js';
import { currentDeadline } from './request-timeouts.js';
import { RateLimitStore, tooManyRequests, type RateLimit } from './rate-limit.service.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * A counter that does not answer within this lets the request through, and the request takes the
 * database to be away: its own statements then fail at once (503) instead of waiting a second
 * time (common/request-timeouts.ts, database/query-bounds.ts), so that health and writes answer
 * within about this bound during an outage, not twice it.
 */
export const COUNT_BUDGET_MS = 1500;

/**
 * The rate limits of the API, checked by auth's global guard (auth.guards.ts) last, after the
 * caller is authenticated and allowed: public routes (login, refresh, health) count per client
 * address, writes (POST, PUT, PATCH, DELETE) of an authenticated caller count per account (every
 * session and token of it together: logging in again buys no new budget). Reads of an
 * authenticated caller are not counted, so they cost no extra query. Over the limit: 429 with
 * Retry-After. If the counter store fails or is slow (the database is away) the request goes on,
 * and the route answers 503 at once if it needs the database (COUNT_BUDGET_MS).
 */
@Injectable()
export class RateLimits {
  private readonly logger = new Logger(RateLimits.name);

  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  /** True when the request may go on; throws the 429. `isPublic`: the route is marked @Public(). */
  check(req: FastifyRequest & { user?: Principal }, isPublic: boolean): true | Promise<true> {
    const limit = this.limitFor(req, isPublic);
    return limit ? this.count(limit) : true;
  }

  private async count(limit: RateLimit): Promise<true> {
    let over;
    try {
      over = await Promise.race([
        this.store.hit([limit], this.config.RATE_LIMIT_WINDOW_SECONDS),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${COUNT_BUDGET_MS} ms`)), COUNT_BUDGET_MS).unref(),
        ),
      ]);
    } catch (e) {
      this.logger.warn(`rate-limit counter unavailable, request let through: ${(e as Error).message}`);
      // (the embedded database cannot be away: it is only busy, one statement at a time, and the
      // request may rightly wait for it)
      const deadline = this.config.embeddedDatabase ? undefined : currentDeadline();
      if (deadline) deadline.databaseDown ??= Object.assign(new Error(`Connection terminated: ${(e as Error).message}`), { code: '08006' });
      return true;
    }
    if (over) throw tooManyRequests(over.retryAfter);
    return true;
  }

  private limitFor(req: FastifyRequest & { user?: Principal }, isPublic: boolean): RateLimit | null {
    if (isPublic) return { key: this.store.clientKey('public', req.ip), max: this.config.RATE_LIMIT_PUBLIC };
    if (req.user && !READ_METHODS.has(req.method)) return { key: `write:u:${req.user.id}`, max: this.config.RATE_LIMIT_WRITES };
    return null;
  }
}
