import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOBS_SCHEMA, JobsService, type Job } from '../../src/jobs/jobs.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The job queue (pg-boss in the app's own PostgreSQL, src/jobs/) on the database the suite runs
 * against: the embedded PGlite through its socket, or the server of DATABASE_URL.
 */
const SERVER = process.env.DATABASE_URL;

/** Resolves when `check` holds, polling; fails with `what` after a generous bound (not a timing assertion). */
async function until(what: string, check: () => Promise<boolean> | boolean, boundMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > boundMs) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stored = async (t: TestApp, queue: string) =>
  (await t.db.query(`SELECT id, state, data FROM ${JOBS_SCHEMA}.job WHERE name = $1 ORDER BY created_on, id`, [queue])) as {
    id: string;
    state: string;
    data: Record<string, unknown>;
  }[];

describe(`the job queue (${SERVER ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let t: TestApp;
  let jobs: JobsService;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_WORKERS: 'on' });
    jobs = t.app.get(JobsService);
  });
  afterAll(async () => t?.close());

  it('creates its own schema at start, outside the migrations', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'job'`, [JOBS_SCHEMA]);
    expect(n).toBe(1);
  });

  it('processes each job once, batches spread over concurrent workers', async () => {
    const seen: string[] = [];
    await jobs.defineQueue('test-once', { retryLimit: 2, retryDelay: 1 });
    await jobs.work<{ n: number }>('test-once', { batchSize: 3, pollingIntervalSeconds: 0.5, concurrency: 2 }, async (batch) => {
      for (const job of batch) seen.push(`${job.data.n}`);
    });
    const ids: string[] = [];
    for (let n = 0; n < 25; n++) ids.push((await jobs.send('test-once', { n }))!);
    await until('every job completed', async () => (await stored(t, 'test-once')).every((j) => j.state === 'completed'));
    // a few more polls: nothing comes back
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 25 }, (_, n) => `${n}`));
    expect(new Set(ids).size).toBe(25);
    expect(await jobs.pending('test-once')).toBe(0);
  });

  it('retries a failing handler with a growing delay, then moves the job to the dead-letter queue', async () => {
    const attempts: { at: number; retryCount: number }[] = [];
    await jobs.defineQueue('test-failing', { retryLimit: 2, retryDelay: 2, retryBackoff: true, deadLetter: 'test-failing-dead' });
    await jobs.work<{ order: string }>('test-failing', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      attempts.push({ at: Date.now(), retryCount: job.retryCount });
      throw new Error('the provider is down');
    });
    const id = (await jobs.send('test-failing', { order: 'gửi thông báo 17' }))!;
    await until('the job failed for good', async () => (await jobs.job('test-failing', id))?.state === 'failed');
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // backoff: the first retry waits at least retryDelay (2 s), the second at least twice that
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(2000);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(4000);
    await until('the job reached the dead-letter queue', async () => (await stored(t, 'test-failing-dead')).length === 1);
    expect((await stored(t, 'test-failing-dead'))[0]).toMatchObject({ state: 'created', data: { order: 'gửi thông báo 17' } });
    // nothing works the dead-letter queue: it is the list to look at
    await new Promise((r) => setTimeout(r, 1500));
    expect(attempts).toHaveLength(3);
  });

  it('keeps one job per singleton key', async () => {
    await jobs.defineQueue('test-singleton');
    const first = await jobs.send('test-singleton', { notification: 7, after: null }, { singletonKey: 'notification:7:page:0' });
    const second = await jobs.send('test-singleton', { notification: 7, after: null }, { singletonKey: 'notification:7:page:0' });
    const other = await jobs.send('test-singleton', { notification: 7, after: 'x' }, { singletonKey: 'notification:7:page:1' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
    expect((await stored(t, 'test-singleton')).map((j) => j.id).sort()).toEqual([first, other].sort());
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job, a commit leaves it", async () => {
    await jobs.defineQueue('test-transactional');
    await expect(
      t.db.transaction(async (tx) => {
        await jobs.send('test-transactional', { kept: false }, {}, tx);
        throw new Error('the publication failed');
      }),
    ).rejects.toThrow('the publication failed');
    await t.db.transaction(async (tx) => {
      await jobs.send('test-transactional', { kept: true }, {}, tx);
    });
    expect((await stored(t, 'test-transactional')).map((j) => j.data)).toEqual([{ kept: true }]);
  });

  it('refuses a send to a queue nobody defined, instead of dropping the job', async () => {
    await expect(jobs.send('test-undefined', { lost: true })).rejects.toThrow(/not defined/);
  });
});

describe(`the job queue across a restart (${SERVER ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sotay-jobs-'));
  let database: TestDatabase | undefined;
  const env = (workers: 'on' | 'off'): Record<string, string> =>
    SERVER ? { DATABASE_URL: database!.url!, JOBS_WORKERS: workers } : { PGLITE_DATA_DIR: join(dir, 'pglite'), JOBS_WORKERS: workers };

  beforeAll(async () => {
    if (SERVER) database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing: jobs sent and not yet done when the app stops are done by the next app on the same database', async () => {
    const handled: Job<{ n: number }>[] = [];
    const handler = async (batch: Job<{ n: number }>[]) => {
      handled.push(...batch);
    };

    const first = await createTestApp(env('off'));
    const ids: string[] = [];
    try {
      const jobs = first.app.get(JobsService);
      await jobs.defineQueue('test-durable');
      await jobs.work('test-durable', { batchSize: 4, pollingIntervalSeconds: 0.5 }, handler);
      for (let n = 0; n < 6; n++) ids.push((await jobs.send('test-durable', { n }))!);
      expect(await jobs.pending('test-durable')).toBe(6);
    } finally {
      await first.close();
    }
    expect(handled).toEqual([]);

    const second = await createTestApp(env('on'));
    try {
      const jobs = second.app.get(JobsService);
      await jobs.defineQueue('test-durable');
      await jobs.work('test-durable', { batchSize: 4, pollingIntervalSeconds: 0.5 }, handler);
      await until('the jobs of the first app are done', async () => (await jobs.pending('test-durable')) === 0);
      expect(handled.map((j) => j.id).sort()).toEqual([...ids].sort());
      expect(handled.map((j) => j.data.n).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await second.close();
    }
  });
});
