import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { connectionOptions } from './src/database/connection-options.js';
import { ENTITIES } from './src/entities.js';

/** The connection options of src/database/connection-options.ts with every entity of the application. */
export function createDataSourceOptions(url: string, poolSize = 10, statementTimeoutMs?: number, replicaUrl?: string): DataSourceOptions {
  return { ...connectionOptions({ url, poolSize, statementTimeoutMs, replicaUrl }), entities: ENTITIES };
}

/** For the TypeORM CLI: `npx typeorm -d dist/ormconfig.js migration:run` (needs DATABASE_URL). */
export default new DataSource(createDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'));
