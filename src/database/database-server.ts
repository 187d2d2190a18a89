import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { EmbeddedPostgres } from './embedded-postgres.js';

/**
 * The database connection string: DATABASE_URL, or the embedded server this provider starts.
 * On shutdown it closes the pool first and the embedded server after it.
 */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgres;
  url: string;

  constructor(private readonly moduleRef: ModuleRef) {}

  async start(config: AppConfig): Promise<string> {
    if (config.DATABASE_URL) {
      this.url = config.DATABASE_URL;
    } else {
      const dir = config.PGLITE_DATA_DIR ?? join(config.DATA_DIR, 'pglite');
      // the app's pool and the job queue's (src/jobs/) share the one embedded server. PGlite is
      // loaded only here: a server on DATABASE_URL never holds it (5.5 MB of heap, ~35 MB of RSS)
      const { EmbeddedPostgres } = await import('./embedded-postgres.js');
      this.embedded = await EmbeddedPostgres.start(dir, config.DB_POOL_SIZE + config.JOBS_POOL_SIZE);
      this.url = this.embedded.url;
    }
    return this.url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    const ds = this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
    if (ds?.isInitialized) await ds.destroy();
    await this.embedded.stop();
    this.embedded = undefined;
  }
}
