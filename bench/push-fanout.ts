/**
 * `npm run bench:push -- --members N [--seconds S] [--rounds R] [--no-docs]`: the push fan-out
 * (issue 17 item 6) on the dataset of N members (`sotay_bench_<N>`, built by bench:data).
 *
 * 1. Starts the push stubs (bench/push-stubs-server.ts, a process of its own) and gives every member
 *    with an account who installed the app one registered device with a push target: 85% FCM, 12%
 *    APNs, 3% Web Push (one key pair shared by all, endpoints on the stub). The rows are removed at
 *    the end. Starts the app (`node dist/src/main.js`, as bench/run.ts does) with JOBS_WORKERS=on and
 *    the providers pointed at the stubs.
 * 2. Throughput: publishes one bulletin to the root committee as bench.admin and times until every
 *    device has a final `push_deliveries` row; deliveries/s, CPU seconds per 1,000 deliveries of the
 *    app process and of the PostgreSQL backends, the load average before and after.
 * 3. Reads during a fan-out: the member's news feed and notification inbox with autocannon for S
 *    seconds each without a fan-out, then again during one (a new bulletin published first, and its
 *    fan-out awaited before the next round), R rounds.
 * 4. Merges the figures into that size's run in docs/benchmarks.json (`push`, and two target lines),
 *    renders docs/benchmarks.md, and also writes them to /tmp/sotay-bench-push-<N>.json. Exits 1 when
 *    a target is missed. `--merge FILE` merges such a file again without running anything.
 *
 *   --worker-process the fan-out runs in a worker process of its own (JOBS_WORKERS=on, never sent a
 *                    request) and the API process that serves the reads has JOBS_WORKERS=off, as a
 *                    deployment that separates them would; figures go to the run's `pushWorker` list
 *   --worker-nice N  the worker's niceness (default 0): how the OS shares the cores between them
 *   --devices-per-member K  K devices per installed member (a smaller dataset with a fan-out long
 *                    enough to measure reads during it)
 *   --cpu-prof DIR   the app writes a V8 CPU profile there when it stops
 *   --no-reads       stop after the throughput (for a profile; no figures kept)
 *   PUSH_* variables of the environment reach the app (PUSH_CHUNKS_IN_FLIGHT=8 npm run bench:push …)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { BENCH_ACCOUNTS, insertNotifications, parseArgs } from './data.js';
import { benchDatabaseName, databaseExists, databaseUrl, REPO_ROOT } from './db.js';
import { HOT_PATHS } from './paths.js';
import type { PushStubsStats } from './push-stubs-server.js';
import { renderMarkdown, type BenchResults, type PushFanout, type TargetCheck } from './report.js';
import {
  backendCpu,
  cannon,
  cpuSeconds,
  freePort,
  login,
  pool,
  requestFor,
  round,
  serverEnv,
  sleep,
  startServer,
  type Fixtures,
  type Server,
} from './run.js';

export const PUSH_TARGETS = { deliveriesPerSec: 2_000, readRatio: 0.8 };

/** The member read paths measured with and without a fan-out. */
const READ_PATHS = ['news-feed', 'notification-inbox'];
const DEVICE_PREFIX = 'bench-push-';
const TITLE_PREFIX = 'BENCH-PUSH';
/** A fan-out that makes no progress for this long is reported as stuck. */
const STALL_MS = 60_000;

interface Stubs {
  child: ChildProcess;
  env: Record<string, string>;
  webPush: { endpoint: string; keys: { p256dh: string; auth: string } };
  stats: PushStubsStats;
  stop(): Promise<void>;
}

async function startStubs(): Promise<Stubs> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/bench/push-stubs-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let stats: PushStubsStats = { accepted: { webpush: 0, fcm: 0, apns: 0 }, refused: 0 };
  const first = await new Promise<{ env: Record<string, string>; webPush: Stubs['webPush'] }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the push stubs exited with ${code}`)));
    lines.once('line', (line) => resolve(JSON.parse(line)));
  });
  lines.on('line', (line) => {
    const parsed = JSON.parse(line) as { stats?: PushStubsStats };
    if (parsed.stats) stats = parsed.stats;
  });
  return {
    child,
    ...first,
    get stats() {
      return stats;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/**
 * One device with a push target per member with an account who installed the app (the dataset's
 * installs), in one statement: 85% FCM, 12% APNs, 3% Web Push, by a hash of the member id.
 */
async function insertDevices(
  c: pg.Client,
  webPushEndpoint: string,
  webPushKeys: { p256dh: string; auth: string },
  perMember: number,
): Promise<number> {
  await c.query(`DELETE FROM member_devices WHERE device_id LIKE '${DEVICE_PREFIX}%'`);
  const r = await c.query(
    `INSERT INTO member_devices (member_id, device_id, platform, app_version, push_provider, push_token, push_endpoint, push_p256dh, push_auth, push_updated_at)
     SELECT x.id, $1 || x.h, CASE WHEN x.k BETWEEN 85 AND 96 THEN 'ios' ELSE 'android' END, '2.0.0',
            CASE WHEN x.k < 85 THEN 'fcm' WHEN x.k < 97 THEN 'apns' ELSE 'webpush' END,
            CASE WHEN x.k < 85 THEN 'bench:' || x.h || md5(x.h) WHEN x.k < 97 THEN x.h || md5(x.h) END,
            CASE WHEN x.k >= 97 THEN $2 || x.h END,
            CASE WHEN x.k >= 97 THEN $3 END,
            CASE WHEN x.k >= 97 THEN $4 END,
            now()
       FROM (SELECT m.id, md5(m.id::text || i) AS h, ('x' || substr(md5(m.id::text || i || 'provider'), 1, 8))::bit(32)::bigint % 100 AS k
               FROM members m CROSS JOIN generate_series(1, $5::int) i
              WHERE m.installed_at IS NOT NULL AND m.end_state IS NULL
                AND EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)) x`,
    [DEVICE_PREFIX, webPushEndpoint, webPushKeys.p256dh, webPushKeys.auth, perMember],
  );
  await c.query(`ANALYZE member_devices`);
  return r.rowCount ?? 0;
}

async function cleanUp(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`DELETE FROM notifications WHERE title LIKE '${TITLE_PREFIX} %'`);
    await c.query(`DELETE FROM member_devices WHERE device_id LIKE '${DEVICE_PREFIX}%'`);
  } finally {
    await c.end();
  }
}

async function publish(app: Server, token: string, rootId: number, title: string): Promise<string> {
  const r = await fetch(`${app.url}/api/bulletins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      committeeId: rootId,
      title,
      text: 'Đề nghị các đồng chí đảng viên nghiên cứu, quán triệt và thực hiện nghiêm túc nghị quyết của Trung ương.',
    }),
  });
  if (!r.ok) throw new Error(`publishing answered ${r.status}: ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** Waits until every one of `devices` has a final row for the notification; returns the seconds since `started`. */
async function awaitFanout(
  poll: pg.Client,
  notificationId: string,
  devices: number,
  started: number,
  log: (s: string) => void,
): Promise<{ seconds: number; done: number; statuses: Record<string, number> }> {
  let last = -1;
  let lastProgress = Date.now();
  let lastLog = 0;
  for (;;) {
    const { rows } = await poll.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM push_deliveries WHERE notification_id = $1 GROUP BY status`,
      [notificationId],
    );
    const at = Date.now();
    const statuses = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const done = rows.filter((r) => r.status !== 'pending').reduce((s, r) => s + r.n, 0);
    if (done >= devices) return { seconds: (at - started) / 1000, done, statuses };
    if (done !== last) {
      last = done;
      lastProgress = at;
    } else if (at - lastProgress > STALL_MS) {
      log(`  ! the fan-out made no progress for ${STALL_MS / 1000} s: ${JSON.stringify(statuses)}`);
      return { seconds: (at - started) / 1000, done, statuses };
    }
    if (at - lastLog > 10_000) {
      lastLog = at;
      log(`    ${done.toLocaleString('en')} / ${devices.toLocaleString('en')} after ${((at - started) / 1000).toFixed(1)} s`);
    }
    await sleep(devices > 100_000 ? 1000 : 250);
  }
}

/** req/s of one read path for `seconds` (20 connections, members' tokens rotating, as bench/run.ts). */
async function readRate(app: Server, pathId: string, f: Fixtures, seconds: number): Promise<{ rps: number; non2xx: number }> {
  const path = HOT_PATHS.find((p) => p.id === pathId)!;
  const { result } = await cannon(app.url, requestFor(path, f), seconds, 20);
  return { rps: result.requests.total / result.duration, non2xx: result.non2xx + result.errors + result.timeouts };
}

export async function runPushBenchmark(argv: string[]): Promise<{ push: PushFanout; targets: TargetCheck[] }> {
  const args = parseArgs(argv);
  const members = Number(args.members ?? 56_000);
  const seconds = Number(args.seconds ?? 10);
  const rounds = Number(args.rounds ?? 2);
  const log = (s: string) => console.log(s);
  const name = benchDatabaseName(members);
  if (!(await databaseExists(name))) throw new Error(`no dataset ${name}: npm run bench:data -- --members ${members}`);
  const dbUrl = databaseUrl(name);

  log(`push fan-out benchmark on ${name}`);
  const stubs = await startStubs();
  const port = await freePort();
  // PUSH_* settings of the benchmark's own environment reach the app (to try PUSH_CHUNKS_IN_FLIGHT=8, …)
  const tuning = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PUSH_')));
  const separate = args['worker-process'] === true;
  const nice = Number(args['worker-nice'] ?? 0);
  const perMember = Math.max(1, Number(args['devices-per-member'] ?? 1));
  const env = { ...serverEnv(dbUrl, port), ...stubs.env, ...tuning, JOBS_WORKERS: separate ? 'off' : 'on' };
  if (Object.keys(tuning).length) log(`  app settings: ${JSON.stringify(tuning)}`);
  let app: Server | undefined;
  let worker: Server | undefined;
  let stopping = false;
  const poll = new pg.Client({ connectionString: dbUrl });
  try {
    // --cpu-prof DIR: the app writes a V8 CPU profile there when it stops
    const prof = typeof args['cpu-prof'] === 'string' ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
    app = await startServer('app', 'dist/bench/app-process.js', env, port, false, prof);
    if (separate) {
      const workerPort = await freePort();
      worker = await startServer(
        'worker',
        'dist/bench/app-process.js',
        { ...env, PORT: String(workerPort), JOBS_WORKERS: 'on' },
        workerPort,
        false,
        prof,
      );
      setPriority(worker.child.pid!, nice);
      const w = worker;
      w.child.once('exit', (code, signal) => {
        if (!stopping) log(`  ! the worker process exited (${code ?? signal}):\n${w.output.slice(-15).join('\n')}`);
      });
      log(`  the fan-out runs in a worker process of its own (pid ${worker.child.pid}, niceness ${nice}); the API's JOBS_WORKERS=off`);
    }
    /** The process whose CPU the fan-out costs. */
    const fanoutPid = (worker ?? app).child.pid!;
    await poll.connect();
    const pollPid = (await poll.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid as number;
    // a dataset built before the notifications: the app has migrated it; fill the inboxes as bench/data.ts does
    if (!(await poll.query(`SELECT 1 FROM notifications LIMIT 1`)).rows.length) {
      log('filling the notifications of a dataset built before them …');
      await insertNotifications((sql: string, params: unknown[] = []) => poll.query(sql, params));
      await poll.query(`VACUUM ANALYZE notifications, notification_reads, notification_read_watermarks`);
    }
    await poll.query(`DELETE FROM notifications WHERE title LIKE '${TITLE_PREFIX} %'`);
    const t0 = Date.now();
    await insertDevices(poll, stubs.webPush.endpoint, stubs.webPush.keys, perMember);
    const byProvider = Object.fromEntries(
      (
        await poll.query<{ p: string; n: number }>(
          `SELECT d.push_provider AS p, count(*)::int AS n FROM member_devices d JOIN members m ON m.id = d.member_id
            WHERE d.push_provider IS NOT NULL AND d.unregistered_at IS NULL AND m.end_state IS NULL GROUP BY 1`,
        )
      ).rows.map((r) => [r.p, r.n]),
    );
    const devices = Object.values(byProvider).reduce((s, n) => s + n, 0);
    log(
      `  ${devices.toLocaleString('en')} devices with push (${JSON.stringify(byProvider)}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const rootId = (await poll.query(`SELECT id FROM committees WHERE parent_id IS NULL`)).rows[0].id as number;
    const adminToken = await login(app.url, BENCH_ACCOUNTS.admin, '10.201.0.1');

    // 2. throughput: one bulletin to everyone, nothing else running
    await sleep(3000);
    const dbCpu = async () => {
      const m = await backendCpu(dbUrl);
      m.delete(pollPid);
      return m;
    };
    const load0 = loadavg()[0];
    const app0 = cpuSeconds(fanoutPid);
    const db0 = await dbCpu();
    const started = Date.now();
    const id = await publish(app, adminToken, rootId, `${TITLE_PREFIX} 1: Thông báo khẩn về lịch sinh hoạt chi bộ`);
    log(`  published ${id}; waiting for ${devices.toLocaleString('en')} deliveries …`);
    const fanout = await awaitFanout(poll, id, devices, started, log);
    const appCpu = cpuSeconds(fanoutPid) - app0;
    let dbCpuSec = 0;
    for (const [pid, after] of await dbCpu()) {
      const before = db0.get(pid) ?? 0;
      dbCpuSec += after >= before ? after - before : after;
    }
    const load1 = loadavg()[0];
    const perSec = fanout.done / fanout.seconds;
    log(
      `  ${fanout.done.toLocaleString('en')} deliveries in ${fanout.seconds.toFixed(1)} s = ${Math.round(perSec)}/s; ` +
        `CPU per 1,000: app ${((appCpu * 1000) / fanout.done).toFixed(2)} s, PostgreSQL ${((dbCpuSec * 1000) / fanout.done).toFixed(2)} s; ` +
        `load ${load0.toFixed(2)} → ${load1.toFixed(2)}; ${JSON.stringify(fanout.statuses)}; stubs ${JSON.stringify(stubs.stats)}`,
    );

    if (args['no-reads'] === true) {
      // a profile of the fan-out alone (BENCH_NODE_OPTIONS=--cpu-prof …): no figures kept
      throw new Error(`--no-reads: stopping after the throughput (${Math.round(perSec)}/s)`);
    }
    // 3. reads without and during a fan-out
    log(`reads without and during a fan-out (${rounds} rounds, ${seconds} s per path) …`);
    const users = (
      await poll.query(
        `SELECT u.username FROM users u WHERE u.role = 'member' AND u.member_id IS NOT NULL ORDER BY md5(u.username) LIMIT 102`,
      )
    ).rows.map((r) => r.username as string);
    const memberTokens = await pool(users, 4, (u) => login(app!.url, u, `10.202.${users.indexOf(u) >> 8}.${users.indexOf(u) & 255}`));
    // only what requestFor reads for the member paths
    const f = { memberUsernames: users, memberTokens } as Fixtures;
    for (const p of READ_PATHS) await readRate(app, p, f, 2); // warm-up
    const sums = new Map(READ_PATHS.map((p) => [p, { without: 0, during: 0 }]));
    let non2xx = 0;
    let duringDeliveries = 0;
    let duringFanoutSeconds = 0;
    const loadReads0 = loadavg()[0];
    for (let r = 1; r <= rounds; r++) {
      for (const p of READ_PATHS) {
        const m = await readRate(app, p, f, seconds);
        sums.get(p)!.without += m.rps / rounds;
        non2xx += m.non2xx;
        log(`  round ${r} ${p.padEnd(20)} without a fan-out ${Math.round(m.rps)} req/s`);
      }
      const t = Date.now();
      const nid = await publish(app, adminToken, rootId, `${TITLE_PREFIX} ${r + 1}: Thông báo về hội nghị học tập nghị quyết`);
      for (const p of READ_PATHS) {
        const m = await readRate(app, p, f, seconds);
        sums.get(p)!.during += m.rps / rounds;
        non2xx += m.non2xx;
        log(`  round ${r} ${p.padEnd(20)} during the fan-out ${Math.round(m.rps)} req/s`);
      }
      const { rows } = await poll.query(
        `SELECT count(*)::int AS n FROM push_deliveries WHERE notification_id = $1 AND status <> 'pending'`,
        [nid],
      );
      if (rows[0].n >= devices) log(`  ! the fan-out ended before the reads did: the "during" figures include reads without it`);
      duringDeliveries += rows[0].n;
      duringFanoutSeconds += (Date.now() - t) / 1000;
      await awaitFanout(poll, nid, devices, t, () => undefined);
    }
    const loadReads1 = loadavg()[0];
    const paths = READ_PATHS.map((p) => {
      const s = sums.get(p)!;
      return {
        id: p,
        title: HOT_PATHS.find((h) => h.id === p)!.title,
        without: Math.round(s.without),
        during: Math.round(s.during),
        ratio: round(s.during / s.without, 3),
      };
    });
    const push: PushFanout = {
      measuredAt: new Date(started).toISOString(),
      devices,
      byProvider,
      delivered: fanout.done,
      statuses: fanout.statuses,
      seconds: round(fanout.seconds, 1),
      deliveriesPerSec: Math.round(perSec),
      appCpuPer1000: round((appCpu * 1000) / fanout.done, 2),
      dbCpuPer1000: round((dbCpuSec * 1000) / fanout.done, 2),
      loadAverage: { before: round(load0, 2), after: round(load1, 2) },
      worker: separate ? { nice, devicesPerMember: perMember } : null,
      reads: {
        seconds,
        rounds,
        paths,
        ratio: Math.min(...paths.map((p) => p.ratio)),
        non2xx,
        deliveriesPerSecDuring: Math.round(duringDeliveries / duringFanoutSeconds),
        loadAverage: { before: round(loadReads0, 2), after: round(loadReads1, 2) },
      },
    };
    return { push, targets: pushTargets(push) };
  } catch (e) {
    if (app) log(`app output:\n${app.output.slice(-20).join('\n')}`);
    if (worker) log(`worker output:\n${worker.output.slice(-20).join('\n')}`);
    throw e;
  } finally {
    stopping = true;
    await worker?.stop();
    await app?.stop();
    await stubs.stop();
    await poll.end().catch(() => undefined);
    await cleanUp(dbUrl);
  }
}

export function pushTargets(push: PushFanout): TargetCheck[] {
  return [
    {
      target: `push fan-out ≥ ${PUSH_TARGETS.deliveriesPerSec.toLocaleString('en')} deliveries/s from one process`,
      measured: `${push.deliveriesPerSec.toLocaleString('en')}/s (${push.delivered.toLocaleString('en')} in ${push.seconds} s)`,
      met: push.delivered >= push.devices && push.deliveriesPerSec >= PUSH_TARGETS.deliveriesPerSec,
    },
    {
      target: `member reads during a push fan-out ≥ ${PUSH_TARGETS.readRatio * 100}% of their req/s without`,
      measured: push.reads.paths.map((p) => `${p.title} ${Math.round(p.ratio * 100)}%`).join(', '),
      met: push.reads.ratio >= PUSH_TARGETS.readRatio,
    },
  ];
}

/** Is this target line one of the push benchmark's (replaced when it runs again)? */
const isPushTarget = (t: TargetCheck) => t.target.startsWith('push fan-out') || t.target.startsWith('member reads during a push fan-out');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  let members = Number(args.members ?? 56_000);
  let push: PushFanout;
  let targets: TargetCheck[];
  if (typeof args.merge === 'string') {
    // figures of an earlier run (its /tmp file) into docs/benchmarks.* again, e.g. after the size's run was redone
    ({ members, push, targets } = JSON.parse(readFileSync(args.merge, 'utf8')) as {
      members: number;
      push: PushFanout;
      targets: TargetCheck[];
    });
  } else {
    ({ push, targets } = await runPushBenchmark(argv));
    const variant = push.worker ? `-worker-nice${push.worker.nice}` : '';
    const out = join(tmpdir(), `sotay-bench-push-${members}${variant}.json`);
    writeFileSync(out, JSON.stringify({ members, push, targets }, null, 2));
    console.log(`\nresults: ${out}`);
  }
  for (const t of targets) console.log(`${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`);
  const file = join(REPO_ROOT, 'docs/benchmarks.json');
  const all: BenchResults = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { runs: [] };
  const run = all.runs.find((r) => r.members === members && !r.quick);
  if (args['no-docs'] === true) {
    console.log('--no-docs: docs/benchmarks.* unchanged');
  } else if (!run) {
    console.log(
      `docs/benchmarks.json has no full run of ${members} members to add these figures to (npm run bench -- --members ${members})`,
    );
  } else {
    if (push.worker) {
      // a variant beside the main figure: kept per niceness, the targets stay the main run's
      run.pushWorker = [...(run.pushWorker ?? []).filter((p) => p.worker?.nice !== push.worker!.nice), push].sort(
        (a, b) => a.worker!.nice - b.worker!.nice,
      );
    } else {
      run.push = push;
      run.targets = [...run.targets.filter((t) => !isPushTarget(t)), ...targets];
    }
    writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
    writeFileSync(join(REPO_ROOT, 'docs/benchmarks.md'), renderMarkdown(all));
    console.log('wrote docs/benchmarks.md and docs/benchmarks.json');
  }
  if (targets.some((t) => !t.met)) {
    console.log(`\n${targets.filter((t) => !t.met).length} target(s) missed`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
