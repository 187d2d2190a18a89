import type PgBoss from 'pg-boss';
import type { Tx } from '../database/transactions.js';

/**
 * The one place the jobs module runs SQL itself: pg-boss's own statements (its insert into
 * `pgboss.job`), on the caller's transaction instead of pg-boss's pool, so that a job is enqueued
 * exactly when that transaction commits. Everything else in `pgboss` is pg-boss's, through its API.
 */
export function transactionDb(tx: Tx): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: (await tx.query(text, values)) as unknown[] }),
  };
}
