import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { csvCommas, csvManyLines, csvOneLine, hugeCellXlsx, inlineRowsXlsx, sharedStringsBomb } from '../support/upload-bombs.js';
import { ensureBuilt, startServer, type ServerProcess } from './server-process.js';

/**
 * The upload bombs of the outside review (issue 13, finding 1) sent to the built server run as
 * `npm start` runs it (`--max-old-space-size=384 --max-semi-space-size=32`), with the zip caps relaxed so that every bomb
 * is really read rather than refused from its zip directory: the process stays alive (under its
 * heap ceiling), and /api/health, asked every 100 ms meanwhile, answers each time within 2.5 s (or
 * three times its slowest answer just before or just after, on a machine loaded that much).
 */

const ADMIN = { username: 'quantri.bom', password: 'Quan-tri-thu-bom-tai-2025!' };
// generous: the test runs beside other suites on 2 cores; the parser's own yields are checked in
// src/members/member-file-reader.spec.ts (event-loop check). On a machine so loaded that /api/health
// is slow without any upload (CI beside three benchmark runs, load 9: 2.7 s once), the bound is three
// times the slowest answer of two seconds of polling just before the upload and two just after it
// (/api/health asks the database too: CI's other suites on the same PostgreSQL once made one answer
// during a 20-MB upload take 2.9 s at load 6, which the second before had not shown). A bomb that
// blocks the event loop for seconds still shows: the seconds after the upload are free of it.
const HEALTH_WITHIN_MS = 2_500;
const HEALTH_CONTROL_MS = 2_000;

/** Asks /api/health every 100 ms until `stop()` answers true: each answer's status and time. */
async function pollHealth(base: string, stop: () => boolean): Promise<{ status: number; ms: number }[]> {
  const health: { status: number; ms: number }[] = [];
  while (!stop()) {
    const started = Date.now();
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    health.push({ status: res?.status ?? 0, ms: Date.now() - started });
    await res?.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  return health;
}

describe('upload bombs against the built server under its heap ceiling', () => {
  let dir: string;
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let token: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sotay-bombs-'));
    database = await createTestDatabase();
    server = await startServer(
      {
        DATA_DIR: dir,
        JWT_SECRET: TEST_JWT_SECRET,
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        IMPORT_MAX_COMPRESSION_RATIO: '1100',
        IMPORT_MAX_UNZIPPED_BYTES: String(2 ** 31),
        LOG_LEVEL: 'warn',
        // the poll below asks for /api/health 10 times a second: more than the public routes' default allowance
        RATE_LIMIT_PUBLIC: '100000',
        ...(database.url ? { DATABASE_URL: database.url } : {}),
      },
      90_000,
      ['--max-old-space-size=384', '--max-semi-space-size=32'],
    );
    const res = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    token = ((await res.json()) as { accessToken: string }).accessToken;
  }, 300_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const bombs: [string, () => Promise<Buffer> | Buffer, string, string][] = [
    ['2,000,000 shared strings of 200 characters', () => sharedStringsBomb(2_000_000, 200), 'bom.xlsx', 'IMPORT_TOO_MUCH_DATA'],
    ['one 400 MB cell', () => hugeCellXlsx(400_000_000), 'o.xlsx', 'IMPORT_CELL_TOO_LONG'],
    ['250,000 rows of inline strings', () => inlineRowsXlsx(250_000), 'dong.xlsx', 'IMPORT_TOO_MANY_ROWS'],
    ['a 20 MB CSV of "a\\n" × 10 million', () => csvManyLines(10_000_000), 'a.csv', 'IMPORT_TOO_MANY_ROWS'],
    ['a 20 MB CSV of commas', () => csvCommas(20_000_000), 'phay.csv', 'IMPORT_TOO_MANY_COLUMNS'],
    ['a CSV of one 20 MB line', () => csvOneLine(20_000_000), 'dong.csv', 'IMPORT_CELL_TOO_LONG'],
  ];

  it.each(bombs)(
    '%s: refused with its code while the process stays up and /api/health keeps answering',
    async (_name, make, filename, code) => {
      const file = await make();
      const { base } = server!;
      // the multipart body as one buffer: fetch's own FormData encoding of 20 MB keeps this (the polling) process busy
      const boundary = `----sotay${Date.now()}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const controlEnds = Date.now() + HEALTH_CONTROL_MS;
      const control = await pollHealth(base, () => Date.now() > controlEnds);
      const upload = fetch(`${base}/api/members/import?dryRun=true`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });

      let done = false;
      const poll = pollHealth(base, () => done);
      const res = await upload.finally(() => (done = true));
      const health = await poll;
      const afterEnds = Date.now() + HEALTH_CONTROL_MS;
      control.push(...(await pollHealth(base, () => Date.now() > afterEnds)));
      const within = Math.max(HEALTH_WITHIN_MS, 3 * Math.max(...control.map((h) => h.ms)));

      expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ status: 413, code });
      expect(health.length).toBeGreaterThan(0);
      expect(health.filter((h) => h.status !== 200 || h.ms > within)).toEqual([]);
      expect(server!.child.exitCode).toBeNull();
      expect(server!.output()).not.toMatch(/heap out of memory/i);
    },
    180_000,
  );
});
