import { describe, expect, it } from '@jest/globals';
import type { Measure, PathResult, RunResult } from './report.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/common/repo-root.js';
import { APP_ENV, APP_NODE_OPTIONS, busyMachine, checkTargets, MIN_REQUESTS, otherCoresOf, TARGETS } from './run.js';

/** The verdict of bench/run.ts on figures made up for the purpose: no server runs. */
const measure = (requests: number, appCpuMs: number, rps = requests / 9): Measure => ({
  rps,
  p50: 10,
  p95: 20,
  p99: 30,
  requests,
  non2xx: 0,
  errors: 0,
  rssMaxMb: 200,
  appCpuMs,
  dbCpuMs: 0.5,
});

const path = (id: string, kind: 'read' | 'write', app: Measure, baseline: Measure): PathResult => ({
  id,
  title: id,
  kind,
  app,
  baseline,
  ratio: baseline.rps ? app.rps / baseline.rps : undefined,
});

const run = (paths: PathResult[], load = 0.5): RunResult =>
  ({ paths, machine: { cores: 2 }, loadAverage: { before: load, after: load }, targets: [] }) as unknown as RunResult;

const verdict = (r: RunResult) => checkTargets(r).map((t) => `${t.met ? 'met' : 'MISSED'} ${t.target}: ${t.measured}`);

describe('the benchmark verdict', () => {
  it('fails a path that completed no request, or fewer than its minimum, saying so, and checks nothing else of it', () => {
    const none = verdict(run([path('login', 'write', measure(0, 0, 0), measure(30, 20))]));
    expect(none).toContain(
      `MISSED login (app): at least ${MIN_REQUESTS.login} requests completed: 0 completed: no figure, the target fails`,
    );
    expect(none.some((t) => t.includes('logins ≥'))).toBe(false);

    const few = verdict(run([path('news-feed', 'read', measure(MIN_REQUESTS.read - 1, 1), measure(2000, 1))]));
    expect(few).toContain(
      `MISSED news-feed (app): at least ${MIN_REQUESTS.read} requests completed: 49 completed: no figure, the target fails`,
    );
    // no ratio from 49 requests, however good it looks
    expect(few.some((t) => t.includes('of the baseline'))).toBe(false);

    const baselineNone = verdict(run([path('news-feed', 'read', measure(2000, 1), measure(0, 0, 0))]));
    expect(baselineNone.filter((t) => t.startsWith('MISSED'))).toEqual([
      `MISSED news-feed (baseline): at least ${MIN_REQUESTS.read} requests completed: 0 completed: no figure, the target fails`,
    ]);
  });

  it(`holds a read path to ${TARGETS.readRatio * 100}% of the baseline's throughput and ${TARGETS.readCpuRatio}× its Node CPU per request`, () => {
    const good = verdict(run([path('news-feed', 'read', measure(900, 1.2), measure(1000, 1))]));
    expect(good.filter((t) => t.includes('news-feed:'))).toEqual([
      'met news-feed: app ≥ 80% of the baseline: 90%',
      "met news-feed: app Node CPU per request ≤ 1.25× the baseline's: 1.2 / 1 ms = 1.2×",
    ]);
    const slow = verdict(run([path('news-feed', 'read', measure(790, 1.3), measure(1000, 1))]));
    expect(slow.filter((t) => t.includes('news-feed:'))).toEqual([
      'MISSED news-feed: app ≥ 80% of the baseline: 79%',
      "MISSED news-feed: app Node CPU per request ≤ 1.25× the baseline's: 1.3 / 1 ms = 1.3×",
    ]);
  });

  it('on a busy machine judges the share of the baseline by CPU per request (Node + PostgreSQL), and shows both', () => {
    // the scheduler gave the app 82% of the baseline's req/s, but each request costs it twice the CPU
    const p = path('install-rates-branch', 'read', measure(820, 1.5), measure(1000, 0.5));
    expect(verdict(run([p], 13))).toContain(
      'MISSED install-rates-branch: app ≥ 80% of the baseline: 50% by CPU per request (busy machine; 82% of its req/s)',
    );
    expect(verdict(run([p], 1))).toContain('met install-rates-branch: app ≥ 80% of the baseline: 82%');
  });

  it('fails the run when app and baseline did not answer a path alike (the baseline does other work)', () => {
    const r = run([path('login', 'write', measure(60, 24), measure(120, 21))]);
    expect(verdict(r).filter((t) => t.startsWith('MISSED'))).toEqual([]);
    r.unlike = ['login: app 200 {accessToken,deviceToken} vs baseline 200 {accessToken}'];
    expect(verdict(r).filter((t) => t.startsWith('MISSED'))).toEqual([
      'MISSED app and baseline answer alike (status and JSON shape): login: app 200 {accessToken,deviceToken} vs baseline 200 {accessToken}',
    ]);
  });

  it('counts a machine as busy when other work took an eighth of its cores, whatever the load average at the start', () => {
    const p = path('install-rates-branch', 'read', measure(820, 1.5), measure(1000, 0.5));
    expect(busyMachine(run([p], 1))).toBe(false);
    expect(busyMachine({ ...run([p], 1), otherCores: 0.24 })).toBe(false);
    const busy = { ...run([p], 1), otherCores: 0.25 };
    expect(busyMachine(busy)).toBe(true);
    expect(verdict(busy)).toContain(
      'MISSED install-rates-branch: app ≥ 80% of the baseline: 50% by CPU per request (busy machine; 82% of its req/s)',
    );
  });

  it('takes the other work of a run from its read paths, weighted by their measured time', () => {
    const withOther = (m: Measure, otherCores: number): Measure => ({ ...m, otherCores });
    expect(
      otherCoresOf([
        path('news-feed', 'read', withOther(measure(900, 1, 100), 0.2), withOther(measure(900, 1, 100), 0.4)),
        // 18 s against 9 s each above
        path('member-list', 'read', withOther(measure(900, 1, 50), 1), withOther(measure(900, 1, 100), 0)),
        path('login', 'write', withOther(measure(60, 24, 10), 1.9), withOther(measure(60, 24, 10), 1.9)),
      ]),
    ).toBe(0.52); // (9 × 0.2 + 9 × 0.4 + 18 × 1 + 9 × 0) / 45 s; the login left out
    expect(otherCoresOf([path('login', 'write', measure(60, 24, 10), measure(60, 24, 10))])).toBeUndefined();
  });

  it(`counts logins per second per core from the Node CPU of one login (target ${TARGETS.loginsPerCoreSec})`, () => {
    expect(verdict(run([path('login', 'write', measure(60, 24), measure(120, 21))]))).toContain(
      'met logins ≥ 25/s per core (1000 ÷ Node CPU ms per login): 41.7/s (24 ms per login)',
    );
    expect(verdict(run([path('login', 'write', measure(60, 121.8), measure(120, 143))]))).toContain(
      'MISSED logins ≥ 25/s per core (1000 ÷ Node CPU ms per login): 8.2/s (121.8 ms per login)',
    );
  });
});

describe('the server the benchmark measures', () => {
  it("runs with npm start's heap ceiling and allocator setting", () => {
    const start: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start;
    const server = start.slice(start.lastIndexOf('&&') + 2).trim();
    const env = Object.entries(APP_ENV).map(([k, v]) => `${k}=${v}`);
    expect(server).toBe(`${env.join(' ')} node ${APP_NODE_OPTIONS} dist/src/main.js`);
  });
});
