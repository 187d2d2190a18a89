import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { CuttableProxy } from './tcp-proxy.js';

/**
 * The database going away under load. The app reaches PostgreSQL through a TCP proxy the test
 * cuts: requests then answer 503 (the one error body, Retry-After) within a few seconds instead
 * of hanging, /api/health answers 503, and once the proxy forwards again the same app serves
 * writes without a restart. Every write answered 2xx is in the database afterwards.
 */

const SERVER = process.env.DATABASE_URL;
const NAME = SERVER
  ? 'the database going away under load (a TCP proxy between the app and PostgreSQL, cut and restored)'
  : 'the database going away under load: needs DATABASE_URL (the embedded database runs inside the app process; there is no connection to cut)';

/** How fast a request must give up on a database that is not there. */
const FAIL_FAST_MS = 3_000;

interface Outcome {
  code: string;
  status: number;
  body: any;
  started: number;
  ms: number;
}

(SERVER ? describe : describe.skip)(NAME, () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let t: TestApp;
  let admin: string;
  let parentId: number;
  let seq = 0;
  const outcomes: Outcome[] = [];
  let writing = false;

  const write = async (): Promise<Outcome> => {
    const code = `OUTAGE-${++seq}`;
    const started = Date.now();
    const res = await t
      .http()
      .post('/api/committees')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: `Chi bộ thử mất kết nối ${seq}`, code, kind: 'grassroots', parentId });
    const outcome = { code, status: res.status, body: res.body, started, ms: Date.now() - started };
    outcomes.push(outcome);
    return outcome;
  };
  /** Four clients writing in a loop, as a busy afternoon would. */
  const writers = () =>
    Array.from({ length: 4 }, async () => {
      while (writing) {
        await write();
        await new Promise((r) => setTimeout(r, 25));
      }
    });
  const health = async () => {
    const started = Date.now();
    const res = await t.http().get('/api/health');
    return { status: res.status, body: res.body, ms: Date.now() - started };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const inWindow = (from: number, to: number) => outcomes.filter((o) => o.started >= from && o.started + o.ms <= to);

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url!);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    const proxied = new URL(database.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    // the writers send far more than one account's rate limit allows
    t = await createTestApp({ DATABASE_URL: proxied.toString(), RATE_LIMIT_WRITES: '1000000' });
    const tree = await createTree(t.db);
    parentId = tree.districtA.id;
    admin = await tokenFor(t, 'admin', null);
  });

  afterAll(async () => {
    writing = false;
    await proxy?.restore();
    await t?.close();
    await proxy?.stop();
    await database?.drop();
  });

  it('answers 503 fast while it is gone, recovers without a restart, and loses no acknowledged write', async () => {
    writing = true;
    const running = writers();

    // healthy
    await sleep(1_000);
    expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(0);
    expect((await health()).status).toBe(200);

    // the server goes away: connections reset, new ones refused
    await proxy.refuse();
    const refusedAt = Date.now();
    await sleep(2_500);
    const refusedHealth = await health();
    expect(refusedHealth.status).toBe(503);
    expect(refusedHealth.body).toMatchObject({ status: 'degraded', database: { status: 'down' } });

    // the host is unreachable: connections are accepted and never answered
    await proxy.blackhole();
    const blackholedAt = Date.now();
    await sleep(5_000);
    const blackholedHealth = await health();
    expect(blackholedHealth.status).toBe(503);
    // a public route tries twice (the rate-limit counter, which then lets the request through, and the check itself)
    expect(blackholedHealth.ms).toBeLessThan(2 * FAIL_FAST_MS);

    // back
    await proxy.restore();
    const restoredAt = Date.now();
    let healthy = await health();
    while (healthy.status !== 200 && Date.now() - restoredAt < 10_000) {
      await sleep(200);
      healthy = await health();
    }
    expect(healthy.status).toBe(200);
    const recovered = Date.now();
    await sleep(1_500);
    writing = false;
    await Promise.all(running);
    const end = Date.now();

    // only 201 or 503, never an error of another kind
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503).map(({ status, body }) => ({ status, body }))).toEqual([]);
    for (const o of outcomes.filter((x) => x.status === 503)) {
      expect(o.body).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: expect.any(String),
        requestId: expect.any(String),
      });
    }
    // while it was gone (from just after each cut to the restore): every request failed, and fast
    for (const [from, to] of [
      [refusedAt + 200, blackholedAt],
      [blackholedAt + 200, restoredAt],
    ]) {
      const during = inWindow(from, to);
      expect(during.length).toBeGreaterThan(0);
      expect(during.filter((o) => o.status !== 503)).toEqual([]);
      expect(during.filter((o) => o.ms > FAIL_FAST_MS).map((o) => o.ms)).toEqual([]);
    }
    // and no request hung across the outage
    expect(outcomes.filter((o) => o.ms > FAIL_FAST_MS + 1_000).map((o) => o.ms)).toEqual([]);
    // served again by the same app
    expect(inWindow(recovered, end).filter((o) => o.status === 201).length).toBeGreaterThan(0);
    expect(inWindow(recovered, end).filter((o) => o.status !== 201)).toEqual([]);

    // every acknowledged write is there (asked of PostgreSQL directly, not through the proxy)
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    try {
      const acknowledged = outcomes.filter((o) => o.status === 201);
      const { rows } = await direct.query(`SELECT id, code FROM committees WHERE code = ANY($1::text[])`, [acknowledged.map((o) => o.code)]);
      expect(rows.map((r) => r.code).sort()).toEqual(acknowledged.map((o) => o.code).sort());
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acknowledged.map((o) => o.body.id)));
    } finally {
      await direct.end();
    }
  }, 90_000);
});
