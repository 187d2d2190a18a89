/**
 * What `db:backup` and `db:restore` work on, read from the same variables as the server:
 * DATABASE_URL (a PostgreSQL server, through pg_dump/pg_restore), else the embedded database's
 * folder (PGLITE_DATA_DIR, default `$DATA_DIR/pglite`, default `./data/pglite`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

export function backupTarget(env: NodeJS.ProcessEnv = process.env): BackupTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const dataDir = env.PGLITE_DATA_DIR || join(env.DATA_DIR || './data', 'pglite');
  if (dataDir.startsWith('memory://'))
    fail('PGLITE_DATA_DIR=memory:// is a throw-away database: there is nothing to back up or restore into');
  return { kind: 'embedded', dataDir: resolve(dataDir) };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * PGlite writes `postmaster.pid` into its folder while it has it open and removes it on a clean
 * close: its presence means a server is running on the folder, or stopped without closing it.
 */
export function assertEmbeddedClosed(dataDir: string, what: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    fail(
      `${what}: the embedded database in ${dataDir} is open (a running server holds it) or was not shut down cleanly.\n` +
        'Stop the server (SIGTERM or Ctrl+C) and run this again; after a crash, start the server once and stop it.\n' +
        'Only one process may open an embedded database folder at a time.',
    );
  }
}

/**
 * A PostgreSQL client tool (pg_dump, pg_restore) from PG_BIN_DIR or the PATH; fails with a
 * clear message when it is not installed.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const bin = env.PG_BIN_DIR ? join(env.PG_BIN_DIR, name) : name;
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    fail(
      `${name} was not found (${bin}). Install the PostgreSQL client tools of the server's major version or newer ` +
        `(Debian/Ubuntu: apt-get install postgresql-client), or set PG_BIN_DIR to the folder that holds ${name}.`,
    );
  }
  return bin;
}

/**
 * The connection for a client tool: the URL without its password, which goes to PGPASSWORD
 * instead, so that it never shows in the process list.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** `backups/sotay-20251115-083000.<ext>` under the current folder. */
export function defaultBackupFile(extension: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve('backups', `sotay-${stamp}${extension}`);
}
