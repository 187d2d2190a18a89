import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

export interface ConnectionSettings {
  /** A real server or the embedded one's socket. */
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  replicaUrl?: string;
}

/**
 * THE connection options: the application (which adds the entities its modules declare) and ormconfig.ts
 * (the CLI, the schema check, the benchmark: every entity of src/entities.ts) build their connection from
 * this one factory. `url` is a real server or the embedded one's socket.
 * `statementTimeoutMs` (the app passes DB_STATEMENT_TIMEOUT_MS) is sent as every connection's
 * `statement_timeout` startup parameter: PostgreSQL cancels a longer statement (SQLSTATE 57014,
 * answered 503). The embedded PGlite ignores it: it runs without timers, one statement at a time.
 *
 * `replicaUrl` (the app passes DATABASE_REPLICA_URL) adds a read replica: TypeORM then keeps two
 * pools of `poolSize` (`replication.master`, `replication.slaves`). Everything still goes to the
 * primary (`defaultMode: 'master'`, so that a read after a write sees it); only what asks for a
 * 'slave' query runner reads from the replica: the reports, through src/database/read-replica.ts.
 */
export function connectionOptions({ url, poolSize = 10, statementTimeoutMs, replicaUrl }: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    ...(replicaUrl ? { replication: { master: { url }, slaves: [{ url: replicaUrl }], defaultMode: 'master' as const } } : { url }),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      // a pooled connection whose peer went away silently (a partition, a NAT or firewall that
      // dropped it) is found by TCP keepalive while it sits idle, and dropped before a request gets it
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    },
    logging: ['error'],
  };
}
