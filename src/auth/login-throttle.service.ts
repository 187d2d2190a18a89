import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ApiError } from '../common/errors.js';

/**
 * Fixed-window login limits per username and per client address, kept in PostgreSQL so that every
 * process of the API shares them. Client addresses are stored only as a keyed hash (no raw IPs).
 */
@Injectable()
export class LoginThrottleService implements OnModuleInit, OnModuleDestroy {
  private sweeper?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 10 * 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private clientKey(address: string): string {
    return 'c:' + createHmac('sha256', this.config.JWT_SECRET!).update(address).digest('hex').slice(0, 40);
  }

  /** Counts one attempt for both keys; throws 429 with Retry-After when either is over its limit. */
  async hit(username: string, clientAddress: string): Promise<void> {
    const window = this.config.LOGIN_WINDOW_SECONDS;
    const rows: { key: string; attempts: number; retry_after: string }[] = await this.db.query(
      `INSERT INTO login_throttle AS t (key, window_started_at, attempts)
       VALUES ($1, now(), 1), ($2, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN 1 ELSE t.attempts + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN now() ELSE t.window_started_at END
       RETURNING key, attempts, extract(epoch FROM t.window_started_at + make_interval(secs => $3) - now()) AS retry_after`,
      ['u:' + username, this.clientKey(clientAddress), window],
    );
    const over = rows.find((r) =>
      r.key.startsWith('u:') ? r.attempts > this.config.LOGIN_MAX_PER_USERNAME : r.attempts > this.config.LOGIN_MAX_PER_CLIENT,
    );
    if (over) {
      const retryAfter = String(Math.max(1, Math.ceil(Number(over.retry_after))));
      throw new ApiError(429, 'TOO_MANY_LOGIN_ATTEMPTS', `Too many login attempts; try again in ${retryAfter} s`, undefined, {
        'retry-after': retryAfter,
      });
    }
  }

  /** A successful login clears the username's counter (the client's keeps counting). */
  async reset(username: string): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE key = $1`, ['u:' + username]);
  }

  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE window_started_at <= now() - make_interval(secs => $1)`, [
      this.config.LOGIN_WINDOW_SECONDS,
    ]);
  }
}
