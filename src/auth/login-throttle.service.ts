import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RateLimitStore } from '../common/rate-limit.service.js';
import type { Tx } from '../database/transactions.js';
import { AuthErrors } from './auth.errors.js';

/**
 * Login attempts per username and per client address, in fixed windows of LOGIN_WINDOW_SECONDS,
 * counted in the shared rate-limit store (every process of the API sees the same counts). It
 * slows guessing on any username, existing or not; the per-account lockout (lockout.service.ts)
 * stops it on an existing account.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  private usernameKey(username: string): string {
    return 'login:u:' + username;
  }

  /** Counts one attempt for both keys; throws 429 with Retry-After when either is over its limit. */
  async hit(username: string, clientAddress: string): Promise<void> {
    const over = await this.store.hit(
      [
        { key: this.usernameKey(username), max: this.config.LOGIN_MAX_PER_USERNAME },
        { key: this.store.clientKey('login', clientAddress), max: this.config.LOGIN_MAX_PER_CLIENT },
      ],
      this.config.LOGIN_WINDOW_SECONDS,
    );
    if (over) throw AuthErrors.tooManyLoginAttempts(over.retryAfter);
  }

  /** A login with a known device token: the client's counter only (device tokens have their own lock). */
  async hitClient(clientAddress: string): Promise<void> {
    const over = await this.store.hit(
      [{ key: this.store.clientKey('login', clientAddress), max: this.config.LOGIN_MAX_PER_CLIENT }],
      this.config.LOGIN_WINDOW_SECONDS,
    );
    if (over) throw AuthErrors.tooManyLoginAttempts(over.retryAfter);
  }

  /**
   * Clears the username's counter (the client's keeps counting): a successful login, or staff
   * unlocking the account (inside its transaction: pass it).
   */
  async reset(username: string, tx?: Tx): Promise<void> {
    await this.store.reset(this.usernameKey(username), tx);
  }
}
