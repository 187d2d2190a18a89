import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` on a connection of the read replica (DATABASE_REPLICA_URL; see ormconfig.ts): a
 * 'slave' query runner, released afterwards. Without a replica (no DATABASE_REPLICA_URL, the
 * embedded database) it is a connection of the one pool, so callers need not care.
 *
 * For reports only: a replica lags the primary by a moment (streaming replication, typically
 * milliseconds), so a read that must see the caller's own write stays on the primary. Use ONLY
 * the manager it gives (like a transaction's) for every query of the report, so that one report
 * reads one consistent server and holds one connection.
 *
 *   const report = await onReadReplica(this.db, (m) => m.query(`SELECT … FROM committee_member_counts …`));
 */
export async function onReadReplica<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

/** Whether reads routed through {@link onReadReplica} go to a separate replica pool. */
export function hasReadReplica(db: DataSource): boolean {
  return db.driver.isReplicated;
}
