/**
 * `npm run db:restore -- <file>`: restores a backup made by `db:backup` into a fresh database.
 * - DATABASE_URL set: a pg_dump archive, with pg_restore, into the database DATABASE_URL names.
 *   It is created when it does not exist (the role needs CREATEDB); an existing one must be empty
 *   (no tables, no extensions but plpgsql). All or nothing: one transaction, stopped at the first error.
 * - Otherwise an embedded-database .tar.gz into PGLITE_DATA_DIR (default `$DATA_DIR/pglite`),
 *   which must be missing or empty. Start the server on it afterwards.
 * It never overwrites data: to replace a database, restore into a new one and point the server at it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import pg from 'pg';
import { openEmbedded } from '../src/database/embedded-postgres.js';
import { backupTarget, fail, pgTool, toolConnection } from './backup-target.js';

const USAGE = 'usage: npm run db:restore -- <backup file>   (DATABASE_URL: the database to create; unset: PGLITE_DATA_DIR or DATA_DIR)';

function header(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(5);
    readSync(fd, buf, 0, 5, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** Connects to the target database, creating it first when it does not exist; refuses one that holds anything. */
async function ensureEmptyDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) fail('db:restore: DATABASE_URL must name a database');
  let client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    if ((e as { code?: string }).code !== '3D000') throw e; // 3D000: the database does not exist
    const maintenance = new URL(url);
    maintenance.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: maintenance.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
    console.log(`db:restore: created database ${name}`);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  }
  try {
    const [{ relations }] = (
      await client.query(
        `SELECT count(*)::int AS relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
      )
    ).rows;
    const extensions = (await client.query(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`)).rows.map(
      (r) => r.extname,
    );
    if (relations > 0 || extensions.length) {
      fail(
        `db:restore: database ${name} is not empty (${relations} tables, views or sequences; extensions: ${extensions.join(', ') || 'none'}).\n` +
          'Restore into a new database: name one that does not exist in DATABASE_URL and it is created.',
      );
    }
  } finally {
    await client.end();
  }
}

async function summary(query: (sql: string) => Promise<{ rows: any[] }>): Promise<string> {
  const tables = (await query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
  const last = (await query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`)).rows[0]?.name ?? 'none';
  return `${tables} tables, last migration ${last}`;
}

const file = process.argv[2] ? resolve(process.argv[2]) : fail(USAGE);
if (!existsSync(file)) fail(`db:restore: ${file} does not exist`);
const magic = header(file);
const isPgDump = magic.toString('latin1') === 'PGDMP';
const isGzip = magic[0] === 0x1f && magic[1] === 0x8b;
const target = backupTarget();

if (target.kind === 'postgres') {
  if (!isPgDump) {
    fail(
      `db:restore: ${file} is not a pg_dump archive${isGzip ? ' (it looks like an embedded-database backup: unset DATABASE_URL to restore it into PGLITE_DATA_DIR)' : ''}`,
    );
  }
  const pgRestore = pgTool('pg_restore');
  await ensureEmptyDatabase(target.url);
  const { dbname, env } = toolConnection(target.url);
  const run = spawnSync(pgRestore, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-acl', `--dbname=${dbname}`, file], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) fail(`db:restore: pg_restore failed (${run.error?.message ?? `exit ${run.status}`}); nothing was restored`);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    console.log(
      `db:restore: restored ${basename(file)} into ${new URL(target.url).pathname.slice(1)}: ${await summary((sql) => client.query(sql))}`,
    );
  } finally {
    await client.end();
  }
} else {
  if (!isGzip) {
    fail(
      `db:restore: ${file} is not an embedded-database backup (.tar.gz)${isPgDump ? ' (it is a pg_dump archive: set DATABASE_URL to the PostgreSQL database to restore it into)' : ''}`,
    );
  }
  const { dataDir } = target;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    fail(`db:restore: ${dataDir} is not empty; restore into a new folder (PGLITE_DATA_DIR or DATA_DIR) and start the server on it`);
  }
  const tarball = new File([readFileSync(file)], basename(file), { type: 'application/x-gzip' });
  const db = await openEmbedded(dataDir, tarball);
  try {
    console.log(`db:restore: restored ${basename(file)} into ${dataDir}: ${await summary((sql) => db.query(sql))}`);
  } finally {
    await db.close();
  }
}
