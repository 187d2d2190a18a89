import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../ormconfig.js';
import { migrate } from '../src/database/database.module.js';

/**
 * Where the benchmark's databases live: a PostgreSQL server (never the embedded one: the benchmark
 * measures the production stack). `BENCH_PG` names the server; else the server of DATABASE_URL;
 * else the local one.
 */
export function benchServer(): string {
  const raw = process.env.BENCH_PG ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(raw);
  url.pathname = '/postgres';
  return url.toString();
}

/** The members of 1×: a 1/100 national shape (5.6 million members nationally). */
export const BASE_MEMBERS = 56_000;
export const NATIONAL_MEMBERS = 5_600_000;

/** One database per size, so that several sizes can sit side by side: `sotay_bench_56000`. */
export function benchDatabaseName(members: number): string {
  return `sotay_bench_${members}`;
}

export function databaseUrl(name: string, server = benchServer()): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return withClient(benchServer(), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

/** Drops (if present) and creates the database, then applies the application's migrations. */
export async function freshDatabase(name: string): Promise<string> {
  await withClient(benchServer(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(name);
  const ds = await new DataSource(createDataSourceOptions(url, 2)).initialize();
  try {
    await migrate(ds);
  } finally {
    await ds.destroy();
  }
  return url;
}

/** What `bench:data` records about a dataset (kept as the database's comment). */
export interface DatasetInfo {
  members: number;
  scale: number;
  builtAt: string;
  asOf: string;
  buildSeconds: number;
  steps: Record<string, number>;
  rows: Record<string, number>;
  databaseBytes: number;
  activity: number;
  eventDays: number;
}

export async function readDatasetInfo(name: string): Promise<DatasetInfo | null> {
  return withClient(benchServer(), async (c) => {
    const r = await c.query(`SELECT shobj_description(oid, 'pg_database') AS info FROM pg_database WHERE datname = $1`, [name]);
    const info = r.rows[0]?.info;
    if (!info) return null;
    try {
      return JSON.parse(info) as DatasetInfo;
    } catch {
      return null;
    }
  });
}

/** The repository root, from bench/ (sources) or dist/bench/ (built). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();
