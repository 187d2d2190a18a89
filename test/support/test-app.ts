import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp, createFastifyAdapter } from '../../src/bootstrap.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { checkedAgainstContract } from './openapi-contract.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * The real application (AppModule, the same bootstrap as `npm start`) on a clean database.
 * `env` overrides configuration variables for this app only.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // DATABASE_URL: '' asks for the embedded database even when the suite runs against a server
  const database: TestDatabase = env.DATABASE_URL === '' ? { url: undefined, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO: 'false',
    PGLITE_DATA_DIR: 'memory://',
    DB_POOL_SIZE: '4',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    logger: ['error', 'warn'],
  });
  try {
    await configureApp(app, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // a start that fails (a seed error, a migration) must not leave the database and its pool
    // open: the suite would then fail AND jest would wait for them forever
    await app.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
  const db = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    config,
    db,
    /** supertest, with every response checked against openapi.json (test/support/openapi-contract.ts) */
    http: () => checkedAgainstContract(request(app.getHttpServer())),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
