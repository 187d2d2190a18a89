import type { DataSource, QueryRunner } from 'typeorm';

/** Keys of the session-level advisory locks that keep start-up work to one process at a time. */
export const LOCK_KEYS = {
  migrations: 7_342_001,
  // 7_342_002: the partition upkeep (a transaction-level lock, src/analytics/partitions.repository.ts)
  demoSeed: 7_342_003,
  // 7_342_004: with a survey's hash, the release of anonymous answers (src/surveys/survey-response.repository.ts)
} as const;

/**
 * Runs `work` while this process holds the advisory lock `key` on one connection of `ds`; another
 * process asking for the same key waits until it is released. The work may use other connections
 * (no transaction is held open), or the runner it is given.
 */
export async function withAdvisoryLock<T>(ds: DataSource, key: number, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work(runner);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
