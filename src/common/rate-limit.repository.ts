import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The unit of work a counter reset may join (database/transactions.ts's `Tx`; common sits below
 * database/, so it names the TypeORM type itself).
 */
export type CounterTx = Pick<EntityManager, 'query'>;

/** A counter's state after a hit: its hits in the current window and the seconds until the window ends. */
export interface RateLimitCounterRow {
  key: string;
  hits: number;
  retry_after: string;
}

/** The SQL of the rate-limit counters (table rate_limit_counters, common/rate-limit.entity.ts). */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Counts one hit on every key in one upsert: a key whose window ended starts a new one at 1
   * (bench/paths.ts mirrors this statement as its baseline).
   */
  async hit(keys: string[], windowSeconds: number): Promise<RateLimitCounterRow[]> {
    const values = keys.map((_, i) => `($${i + 2}, now() + make_interval(secs => $1), 1)`).join(', ');
    return this.db.query(
      `INSERT INTO rate_limit_counters AS t (key, window_ends_at, hits)
       VALUES ${values}
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE t.window_ends_at END
       RETURNING key, hits, extract(epoch FROM t.window_ends_at - now()) AS retry_after`,
      [windowSeconds, ...keys],
    );
  }

  /** Forgets a counter, in `tx`'s transaction when given. */
  async delete(key: string, tx: CounterTx = this.db): Promise<void> {
    await tx.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [key]);
  }

  /** Drops the counters whose window has ended. */
  async deleteExpired(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counters WHERE window_ends_at <= now()`);
  }
}
