import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashPassword } from '../../src/auth/passwords.js';
import { ensureBuilt } from '../faults/server-process.js';

/**
 * Two API processes against one PostgreSQL share everything a process needs: a refresh token spent
 * on one is refused on the other (and the reuse ends the session on both), a logout on one ends the
 * access token on the other, and a login rate limit counts the attempts made on both.
 *
 * The processes are the built server (`node dist/src/main.js`: run `npm run build` first), on a
 * fresh database of the PostgreSQL server named by DATABASE_URL. Two processes cannot share the
 * embedded PGlite, so on the embedded run (no DATABASE_URL) the test uses the local server at
 * postgres://postgres@127.0.0.1:5432 and fails, saying so, when it does not answer.
 */

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(REPO, 'dist/src/main.js');
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Hai-tien-trinh-2026';

async function serverUrl(): Promise<string> {
  const url = process.env.DATABASE_URL ?? LOCAL_SERVER;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
  } catch (e) {
    throw new Error(
      `two-instances needs a PostgreSQL server (two processes cannot share the embedded PGlite): ${url} does not answer ` +
        `(${(e as Error).message}). Start one, or set DATABASE_URL.`,
      { cause: e },
    );
  }
  return url;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

interface Instance {
  base: string;
  child: ChildProcess;
  output: string[];
}

async function startInstance(databaseUrl: string, dataDir: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'two-instances-secret-that-is-long-enough-0123456789',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      SWAGGER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_MAX_PER_USERNAME: '3',
      DB_POOL_SIZE: '3',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.join('').slice(-3000)}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, child, output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 90 s:\n${output.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopInstance(i: Instance | undefined): Promise<void> {
  return new Promise((done) => {
    if (!i || i.child.exitCode !== null) return done();
    i.child.once('exit', () => done());
    i.child.kill('SIGTERM');
    setTimeout(() => i.child.kill('SIGKILL'), 10_000).unref();
  });
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
/** The JSON body of an answer (tokens, or the error body's code). */
const answer = async (res: Response) =>
  (await res.json()) as { accessToken: string; refreshToken: string; code: string; database: unknown };

describe('two API processes on one PostgreSQL', () => {
  let server: string;
  let dbName: string;
  let dbUrl: string;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  let province: { id: number };
  const q = async (sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  const login = (i: Instance, username: string, password = PASSWORD) => fetch(`${i.base}/api/auth/login`, json({ username, password }));

  beforeAll(async () => {
    // dist/ as `npm start` would serve it: built here when missing or stale (a newcomer's `npm test`)
    ensureBuilt();
    server = await serverUrl();
    dbName = `t2i_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    dataDir = mkdtempSync(join(tmpdir(), 'two-instances-'));
    // both start at once on an empty database: the migrations run once, under the advisory lock
    [a, b] = await Promise.all([startInstance(dbUrl, join(dataDir, 'a')), startInstance(dbUrl, join(dataDir, 'b'))]);
    [province] = await q(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
    await q(`INSERT INTO committees (id, name, code, kind, path) VALUES ($1, 'Tỉnh ủy Thử nghiệm', 'T2I', 'province', $2::ltree)`, [
      province.id,
      String(province.id),
    ]);
    const hash = await hashPassword(PASSWORD);
    for (const username of ['hai.tientrinh', 'gioi.han', 'dang.xuat', 'hoi.dap']) {
      await q(
        `INSERT INTO users (username, password_hash, full_name, role, committee_id) VALUES ($1, $2, 'Cán bộ thử nghiệm', 'committee_admin', $3)`,
        [username, hash, province.id],
      );
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    if (server && dbName) {
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('are two processes that both answer', async () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    for (const i of [a, b]) {
      const health = await fetch(`${i.base}/api/health`);
      expect(health.status).toBe(200);
      expect((await answer(health)).database).toMatchObject({ status: 'up', kind: 'postgres' });
    }
    const migrations = await q(`SELECT name FROM migrations`);
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('refuses on B a refresh token spent on A, and the reuse ends the session on both', async () => {
    const first = await login(a, 'hai.tientrinh');
    expect(first.status).toBe(200);
    const { refreshToken: spent } = await answer(first);

    const rotated = await fetch(`${a.base}/api/auth/refresh`, json({ refreshToken: spent }));
    expect(rotated.status).toBe(200);
    const { accessToken, refreshToken: current } = await answer(rotated);
    expect((await fetch(`${b.base}/api/auth/me`, bearer(accessToken))).status).toBe(200);

    const replay = await fetch(`${b.base}/api/auth/refresh`, json({ refreshToken: spent }));
    expect(replay.status).toBe(401);
    expect((await answer(replay)).code).toBe('REFRESH_TOKEN_REUSED');

    // the session is gone everywhere: its access token on both processes, its current refresh token on A
    expect((await fetch(`${a.base}/api/auth/me`, bearer(accessToken))).status).toBe(401);
    expect((await fetch(`${b.base}/api/auth/me`, bearer(accessToken))).status).toBe(401);
    const next = await fetch(`${a.base}/api/auth/refresh`, json({ refreshToken: current }));
    expect(next.status).toBe(401);
    expect((await answer(next)).code).toBe('SESSION_ENDED');
  });

  it('counts login attempts made on both processes against one limit', async () => {
    // LOGIN_MAX_PER_USERNAME=3 on both
    expect((await login(a, 'gioi.han', 'sai-mat-khau-1')).status).toBe(401);
    expect((await login(a, 'gioi.han', 'sai-mat-khau-2')).status).toBe(401);
    expect((await login(b, 'gioi.han', 'sai-mat-khau-3')).status).toBe(401);
    const fourth = await login(b, 'gioi.han', 'sai-mat-khau-4');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await answer(fourth)).code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    // the right password does not get through either, on either process
    expect((await login(a, 'gioi.han')).status).toBe(429);
    expect((await login(b, 'gioi.han')).status).toBe(429);
  });

  it('ends on B the access token of a session logged out on A', async () => {
    const res = await login(b, 'dang.xuat');
    expect(res.status).toBe(200);
    const { accessToken } = await answer(res);
    expect((await fetch(`${b.base}/api/auth/me`, bearer(accessToken))).status).toBe(200);

    const logout = await fetch(`${a.base}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    expect(logout.status).toBe(204);

    expect((await fetch(`${b.base}/api/auth/me`, bearer(accessToken))).status).toBe(401);
    expect((await fetch(`${a.base}/api/auth/me`, bearer(accessToken))).status).toBe(401);
  });

  it('answers on B with an FAQ entry changed on A: each process LISTENs for the changes on a connection of its own', async () => {
    const { accessToken } = await answer(await login(a, 'hoi.dap'));
    const send = (i: Instance, method: string, path: string, body?: unknown) =>
      fetch(`${i.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const best = async (i: Instance, question: string) =>
      ((await (await send(i, 'GET', `/api/faqs/answer?q=${encodeURIComponent(question)}`)).json()) as { matches: { id: string }[] })
        .matches[0]?.id;
    /** A notification travels from A's commit to B asynchronously: B sees the change within a moment. */
    const onB = async (question: string, expected: string | undefined) => {
      for (const deadline = Date.now() + 5000; (await best(b, question)) !== expected; await new Promise((r) => setTimeout(r, 20)))
        if (Date.now() > deadline) throw new Error(`B did not see the change within 5 s ("${question}")`);
    };
    const created = await send(a, 'POST', '/api/faqs', {
      committeeId: province.id,
      question: 'Chi bộ có tổ chức tham quan di tích lịch sử không?',
      answer: 'Có, theo kế hoạch năm của chi bộ.',
      category: 'Sinh hoạt chi bộ',
      keywords: ['đi tham quan di tích'],
      published: true,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await onB('chi bộ có đi tham quan di tích không', id);
    // a new phrasing made on A answers on B
    expect((await send(a, 'PUT', `/api/faqs/${id}`, { keywords: ['về nguồn ở Tân Trào'] })).status).toBe(200);
    await onB('chi bộ đi về nguồn ở Tân Trào', id);
    // withdrawn on A: B stops answering with it
    expect((await send(a, 'PUT', `/api/faqs/${id}`, { published: false })).status).toBe(200);
    await onB('chi bộ đi về nguồn ở Tân Trào', undefined);
    // both listen on their own connection, outside their pools
    const listening = await q(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sotay-listen' AND datname = $1`, [
      dbName,
    ]);
    expect(listening[0].n).toBe(2);
  });
});
