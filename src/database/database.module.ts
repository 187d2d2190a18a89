import { Global, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MigrationExecutor, type DataSourceOptions } from 'typeorm';
import { LongWorkInterceptor, LongWorkLimiter } from '../common/long-work.js';
import { AppConfig } from '../config/app-config.js';
import { LOCK_KEYS, withAdvisoryLock } from './advisory-lock.js';
import { connectionOptions } from './connection-options.js';
import { DatabaseServer } from './database-server.js';
import { DatabaseNotifications } from './notifications.js';
import { TransactionsModule } from './transactions.js';
import { boundQueries } from './query-bounds.js';
import { directQueries } from './direct-queries.js';

/**
 * A PostgreSQL server that has not given a connection within this many milliseconds is taken to
 * be down (or the pool to be exhausted): the request answers 503 with Retry-After at once instead
 * of waiting. Dead connections are dropped by the pool (TypeORM handles their `error` events) and
 * new ones are opened on the next request, so the app recovers by itself when the server returns.
 * The embedded database runs in this process, cannot go away, and serves one statement at a
 * time, so a request may rightly wait longer there for a free connection.
 */
const SERVER_CONNECT_TIMEOUT_MS = 2_000;
const EMBEDDED_CONNECT_TIMEOUT_MS = 10_000;

function failFast(options: DataSourceOptions, config: AppConfig): DataSourceOptions {
  const connectionTimeoutMillis = config.embeddedDatabase ? EMBEDDED_CONNECT_TIMEOUT_MS : SERVER_CONNECT_TIMEOUT_MS;
  return { ...options, extra: { ...(options as { extra?: object }).extra, connectionTimeoutMillis } } as DataSourceOptions;
}

/** Runs pending migrations under an advisory lock: several processes starting at once migrate one at a time. */
export async function migrate(ds: DataSource): Promise<void> {
  await withAdvisoryLock(ds, LOCK_KEYS.migrations, async (runner) => {
    // a migration may rewrite a big table: no statement_timeout on the connection that runs them
    await runner.query('SET statement_timeout = 0');
    try {
      const executor = new MigrationExecutor(ds, runner);
      executor.transaction = 'each';
      const done = await executor.executePendingMigrations();
      if (done.length) new Logger('Migrations').log(`applied ${done.map((m) => m.name).join(', ')}`);
    } finally {
      await runner.query('RESET statement_timeout');
    }
  });
}

@Global()
@Module({
  providers: [DatabaseServer, DatabaseNotifications],
  exports: [DatabaseServer, DatabaseNotifications],
})
class DatabaseServerModule {}

/**
 * Puts the client-side bounds of query-bounds.ts on the pools, and raw SQL outside a transaction
 * straight onto them (direct-queries.ts), before any request is served.
 */
@Injectable()
class QueryBounds implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    boundQueries(this.ds, { server: !this.config.embeddedDatabase });
    directQueries(this.ds);
  }
}

@Global()
@Module({
  // the bulkheads that keep long jobs (exports, imports) to their share of the pool
  // (one limiter per process: @LongWork() routes of every module share it)
  providers: [QueryBounds, LongWorkLimiter, LongWorkInterceptor],
  exports: [LongWorkLimiter, LongWorkInterceptor],
  imports: [
    DatabaseServerModule,
    TransactionsModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig, DatabaseServer],
      // each module declares its own entities (TypeOrmModule.forFeature); they are loaded from there
      useFactory: async (config: AppConfig, server: DatabaseServer) => ({
        ...failFast(
          connectionOptions({
            url: await server.start(config),
            poolSize: config.DB_POOL_SIZE,
            statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
            replicaUrl: config.DATABASE_REPLICA_URL,
          }),
          config,
        ),
        autoLoadEntities: true,
      }),
      // migrations run before any module may touch the database
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const ds = await new DataSource(options!).initialize();
        await migrate(ds);
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}

export { DatabaseServer };
