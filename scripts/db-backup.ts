/**
 * `npm run db:backup [-- <file>]`: a backup of the database into one file.
 * - DATABASE_URL set: `pg_dump --format=custom` of that database (pg_dump of the server's major
 *   version or newer must be installed; PG_BIN_DIR names its folder if it is not on the PATH).
 *   The server keeps running: pg_dump reads one consistent snapshot.
 * - Otherwise the embedded database's folder (PGLITE_DATA_DIR, default `$DATA_DIR/pglite`) as a
 *   .tar.gz made by PGlite itself. Stop the server first: one process at a time may open that folder.
 * Default file: `backups/sotay-<UTC timestamp>.dump` (or `.tar.gz`). An existing file is never
 * overwritten, and an interrupted backup leaves no file behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openEmbedded } from '../src/database/embedded-postgres.js';
import { assertEmbeddedClosed, backupTarget, defaultBackupFile, fail, pgTool, toolConnection } from './backup-target.js';

const target = backupTarget();
const file = resolve(process.argv[2] ?? defaultBackupFile(target.kind === 'postgres' ? '.dump' : '.tar.gz'));
if (existsSync(file)) fail(`db:backup: ${file} exists; name a new file`);
mkdirSync(dirname(file), { recursive: true });
const partial = `${file}.partial`;

if (target.kind === 'postgres') {
  const pgDump = pgTool('pg_dump');
  const { dbname, env } = toolConnection(target.url);
  const run = spawnSync(pgDump, ['--format=custom', '--no-owner', '--no-acl', `--file=${partial}`, `--dbname=${dbname}`], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) {
    rmSync(partial, { force: true });
    fail(`db:backup: pg_dump failed (${run.error?.message ?? `exit ${run.status}`}); no backup was written`);
  }
} else {
  const { dataDir } = target;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) fail(`db:backup: there is no embedded database in ${dataDir}`);
  assertEmbeddedClosed(dataDir, 'db:backup');
  const db = await openEmbedded(dataDir);
  try {
    const tarball = await db.dumpDataDir('gzip');
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    await db.close();
  }
}
renameSync(partial, file);
const { size } = statSync(file);
console.log(
  `db:backup: ${target.kind === 'postgres' ? 'pg_dump archive' : 'embedded database'} written to ${file} (${(size / 1024 / 1024).toFixed(1)} MB)`,
);
