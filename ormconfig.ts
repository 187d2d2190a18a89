import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './src/database/entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * THE data source options: the application, the tests and the TypeORM CLI all build their
 * connection from this one factory. `url` is a real server or the embedded one's socket.
 * `statementTimeoutMs` (the app passes DB_STATEMENT_TIMEOUT_MS) is sent as every connection's
 * `statement_timeout` startup parameter: PostgreSQL cancels a longer statement (SQLSTATE 57014,
 * answered 503). The embedded PGlite ignores it: it runs without timers, one statement at a time.
 *
 * `replicaUrl` (the app passes DATABASE_REPLICA_URL) adds a read replica: TypeORM then keeps two
 * pools of `poolSize` (`replication.master`, `replication.slaves`). Everything still goes to the
 * primary (`defaultMode: 'master'`, so that a read after a write sees it); only what asks for a
 * 'slave' query runner reads from the replica: the reports, through src/database/read-replica.ts.
 */
export function createDataSourceOptions(url: string, poolSize = 10, statementTimeoutMs?: number, replicaUrl?: string): DataSourceOptions {
  return {
    type: 'postgres',
    ...(replicaUrl ? { replication: { master: { url }, slaves: [{ url: replicaUrl }], defaultMode: 'master' as const } } : { url }),
    entities: ENTITIES,
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

/** For the TypeORM CLI: `npx typeorm -d dist/ormconfig.js migration:run` (needs DATABASE_URL). */
export default new DataSource(
  createDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
);
