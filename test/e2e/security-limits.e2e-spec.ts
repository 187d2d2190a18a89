import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { MAX_PAGE_SIZE } from '../../src/common/admin-list.js';
import { MAX_CURSOR_LIMIT } from '../../src/common/cursor.js';
import { LONG_RUNNING_ROUTES } from '../../src/common/request-timeouts.js';
import { DatabaseServer } from '../../src/database/database.module.js';
import { Committee } from '../../src/committees/committee.entity.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9 part 3 (OWASP API4:2023 unrestricted resource consumption): rate limits shared by every
 * process, page-size caps on every list, body caps, request and statement timeouts.
 * docs/security.md links here.
 */

const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));
const getOperations = Object.entries<any>(doc.paths)
  .filter(([, item]) => item.get)
  .map(([path, item]) => ({
    path,
    id: item.get.operationId as string,
    query: (item.get.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name) as string[],
  }));

async function secondProcess(t: TestApp, env: Record<string, string>): Promise<TestApp> {
  const url = t.config.DATABASE_URL ?? t.app.get(DatabaseServer).url;
  return createTestApp({ ...env, DATABASE_URL: url, DB_POOL_SIZE: '1' });
}

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe('security: rate limits (5 writes per account, 4 public requests per client, per minute)', () => {
  const LIMITS = { RATE_LIMIT_WRITES: '5', RATE_LIMIT_PUBLIC: '4', LOGIN_MAX_PER_CLIENT: '1000' };
  let t: TestApp;
  let b: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    b = await secondProcess(t, LIMITS);
    tree = await createTree(t.db);
    tokenA = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtA))).accessToken;
    tokenB = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtB))).accessToken;
    // the logins above were public requests: start every test with fresh counters
    await t.db.query('DELETE FROM rate_limit_counters');
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const rename = (app: TestApp, token: string, id: number, name: string) =>
    app.http().put(`/api/committees/${id}`).set('Authorization', `Bearer ${token}`).send({ name });

  it('answers the 6th write of an account in the window 429 with Retry-After and the one error body; it changes nothing', async () => {
    for (let i = 1; i <= 5; i++) await rename(t, tokenA, tree.grassA.id, `Đảng bộ xã Hùng Sơn ${i}`).expect(200);
    const res = await rename(t, tokenA, tree.grassA.id, 'Tên mới bị chặn').expect(429);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await t.db.getRepository(Committee).findOneByOrFail({ id: tree.grassA.id })).name).toBe('Đảng bộ xã Hùng Sơn 5');

    // reads are not counted; another account has its own budget
    await t.http().get(`/api/committees/${tree.grassA.id}`).set('Authorization', `Bearer ${tokenA}`).expect(200);
    await rename(t, tokenB, tree.grassB.id, 'Đảng bộ xã Kim Phượng 1').expect(200);

    // a new window starts the count again
    await t.db.query(`UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second'`);
    await rename(t, tokenA, tree.grassA.id, 'Đảng bộ xã Hùng Sơn 6').expect(200);
  });

  it('counts the writes of one account on every process together', async () => {
    await t.db.query('DELETE FROM rate_limit_counters');
    for (let i = 1; i <= 3; i++) await rename(t, tokenB, tree.grassB.id, `Kim Phượng ${i}`).expect(200);
    for (let i = 4; i <= 5; i++) await rename(b, tokenB, tree.grassB.id, `Kim Phượng ${i}`).expect(200);
    expect((await rename(b, tokenB, tree.grassB.id, 'Kim Phượng 6').expect(429)).body.code).toBe('RATE_LIMITED');
    expect((await rename(t, tokenB, tree.grassB.id, 'Kim Phượng 6').expect(429)).body.code).toBe('RATE_LIMITED');
  });

  it('answers the 5th public request of a client 429 (health, login and refresh share the budget, on every process)', async () => {
    await t.db.query('DELETE FROM rate_limit_counters');
    await t.http().get('/api/health').expect(200);
    await b.http().get('/api/health').expect(200);
    await t.http().post('/api/auth/login').send({ username: 'khong.co.ai', password: 'Sai-mat-khau-xyz' }).expect(401);
    await b.http().post('/api/auth/refresh').send({ refreshToken: 'khong-hop-le' }).expect(401);
    const res = await t.http().get('/api/health').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await b.http().post('/api/auth/login').send({ username: 'khong.co.ai', password: 'Sai-mat-khau-xyz' }).expect(429);
    // an authenticated read is not a public request
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${tokenA}`).expect(200);
  });
});

describe('security: page size, body and timeout caps', () => {
  let t: TestApp;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    // 4 s: long enough for a login (argon2id, ~0.2 s of CPU) on a loaded machine, now that the timeout covers requests with a body
    t = await createTestApp({ REQUEST_TIMEOUT_MS: '4000', BODY_LIMIT: '4096', DB_STATEMENT_TIMEOUT_MS: '500' });
    const tree = await createTree(t.db);
    admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    member = (await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken;
  });
  afterAll(async () => t?.close());

  it(`refuses a page over ${MAX_PAGE_SIZE} records on every admin list, and takes ${MAX_PAGE_SIZE}`, async () => {
    const lists = getOperations.filter((o) => o.query.includes('range'));
    expect(lists.length).toBeGreaterThanOrEqual(10);
    const wrong: string[] = [];
    for (const o of lists) {
      const over = await t
        .http()
        .get(`${o.path}?range=${enc([0, MAX_PAGE_SIZE])}`)
        .set('Authorization', `Bearer ${admin}`);
      if (over.status !== 400 || !over.body.errors?.range) wrong.push(`${o.id}: ${over.status} ${JSON.stringify(over.body.errors)}`);
      const max = await t
        .http()
        .get(`${o.path}?range=${enc([0, MAX_PAGE_SIZE - 1])}`)
        .set('Authorization', `Bearer ${admin}`);
      if (max.status !== 200) wrong.push(`${o.id} (max page): ${max.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`refuses more than ${MAX_CURSOR_LIMIT} items on every list that pages by limit`, async () => {
    const feeds = getOperations.filter((o) => o.query.includes('limit'));
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    const wrong: string[] = [];
    for (const o of feeds) {
      const token = o.path.startsWith('/api/me') ? member : admin;
      const res = await t
        .http()
        .get(`${o.path}?limit=${MAX_CURSOR_LIMIT + 1}`)
        .set('Authorization', `Bearer ${token}`);
      if (res.status !== 400 || !res.body.errors?.limit) wrong.push(`${o.id}: ${res.status} ${JSON.stringify(res.body.errors)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a body over BODY_LIMIT with 413 and the one error body', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'a', password: 'x'.repeat(5000) })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 503 REQUEST_TIMEOUT to a request whose body stalls past REQUEST_TIMEOUT_MS', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      // a body of 100 bytes is announced; 12 are sent, and then nothing
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"username":',
      );
      setTimeout(() => socket.destroy(), 12000).unref();
    });
    const elapsed = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(elapsed).toBeGreaterThanOrEqual(3900);
    expect(elapsed).toBeLessThan(10000);
  });

  it('gives the long timeout only to routes that exist (uploads, exports, downloads, bulk issue)', () => {
    const documented = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    for (const route of LONG_RUNNING_ROUTES) expect(documented).toContain(route);
  });

  // The embedded PGlite has no timers: it cannot cancel a running statement (docs/security.md).
  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer('cuts a statement at DB_STATEMENT_TIMEOUT_MS (SQLSTATE 57014)', async () => {
    const started = Date.now();
    const err: any = await t.db.query('SELECT pg_sleep(5)').catch((e) => e);
    expect(err?.driverError?.code ?? err?.code).toBe('57014');
    expect(Date.now() - started).toBeLessThan(3000);
    // and the pool goes on
    expect(await t.db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  onServer('answers 503 when a statement of a request is cut, and the database is free again at once', async () => {
    const tree = await createTree(t.db);
    const m = await createMember(t.db, tree.branchA);
    const blocker = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE members IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await t.http().get(`/api/members/${m.id}`).set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await t.http().get(`/api/members/${m.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
  });
});
