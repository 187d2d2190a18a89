import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { finalize, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { ApiError, CommonErrorCode } from './errors.js';
import type { Principal } from './principal.js';

/** Seconds a refused job is told to wait. */
const RETRY_AFTER_SECONDS = 10;

/**
 * Bulkheads (outside review II: 20 exports by one admin filled the pool, and members' event
 * batches got 503 while PostgreSQL was up). Two limits, per process (each process has its own pool):
 * - one account runs at most LONG_WORK_PER_ACCOUNT jobs at once: the next answers 429
 *   TOO_MANY_CONCURRENT_JOBS with Retry-After;
 * - all accounts together run at most LONG_WORK_MAX_CONNECTIONS (below DB_POOL_SIZE; default half
 *   of it): the next answers 503 LONG_WORK_BUSY with Retry-After, so that the rest of the pool
 *   stays with members' short requests.
 * A job is refused at once rather than queued: a queued export would hold its HTTP request open
 * and its client would retry anyway.
 */
@Injectable()
export class LongWorkLimiter {
  private running = 0;
  private readonly perAccount = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  /** Takes a slot for `account`, or throws the refusal; answers the function that gives it back. */
  acquire(account: string): () => void {
    const mine = this.perAccount.get(account) ?? 0;
    if (mine >= this.config.LONG_WORK_PER_ACCOUNT) {
      throw new ApiError(
        429,
        CommonErrorCode.TooManyConcurrentJobs,
        `At most ${this.config.LONG_WORK_PER_ACCOUNT} exports or imports at once per account; try again when one has finished`,
        undefined,
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    }
    if (this.running >= this.config.longWorkMaxConnections) {
      throw new ApiError(
        503,
        CommonErrorCode.LongWorkBusy,
        'The server is busy with other exports and imports; try again in a moment',
        undefined,
        {
          'retry-after': String(RETRY_AFTER_SECONDS),
        },
      );
    }
    this.running++;
    this.perAccount.set(account, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.perAccount.get(account) ?? 1) - 1;
      if (left > 0) this.perAccount.set(account, left);
      else this.perAccount.delete(account);
    };
  }
}

/**
 * Puts a route behind the limiter, from the guards' end to the handler's (LongWorkInterceptor).
 * Long work: routes that hold a pooled connection for seconds (a whole-register export in one
 * transaction, an import, the bulk issue of a subtree's accounts, a survey's results export).
 * The OpenAPI document lists the refusals (429 TOO_MANY_CONCURRENT_JOBS, 503 LONG_WORK_BUSY) on
 * these operations (common/openapi.ts reads the extension and removes it).
 *
 * Per route, not a global interceptor: a global one put every request of the API through Nest's
 * rxjs pipeline (about 40 µs of Node CPU per request, issue 20) to let four routes through it.
 */
export const LongWork = () => applyDecorators(UseInterceptors(LongWorkInterceptor), ApiExtension('x-long-work', true));

/** The bulkhead of the routes marked @LongWork(). */
@Injectable()
export class LongWorkInterceptor implements NestInterceptor {
  constructor(private readonly limiter: LongWorkLimiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const release = this.limiter.acquire(req.user ? `u:${req.user.id}` : `c:${req.ip}`);
    try {
      return next.handle().pipe(finalize(release));
    } catch (e) {
      release();
      throw e;
    }
  }
}
