/**
 * `npm run build && node dist/bench/ab-cpu.js --a A_MAIN --b B_MAIN [--route R] [--rounds N] [--seconds S] [--members N]
 * [--a-node-options OPTS] [--b-node-options OPTS]`: an A/B of two builds of the app (or of one build under two
 * NODE_OPTIONS, e.g. heap settings) on one member read, in Node CPU per request.
 *
 * Each of T trials (`--trials`, default 4) starts both builds (each a `dist/src/main.js`) afresh,
 * side by side on the benchmark's dataset with its production settings, warms them up 3 s each,
 * then measures R paired rounds (`--rounds`, default 6): A and B one after the other (A first in
 * odd rounds), 20 connections for S seconds each (`--seconds`, default 3), 40 members' tokens in
 * turn; the CPU is the process's (user + system) over the requests answered. A trial's A/B is the
 * geometric mean of its rounds' ratios; the median, geometric mean and range over trials are printed.
 *
 * Why trials: two processes of one build differ by up to ~20 % in CPU per request for their whole
 * life on this machine kind (an A/A pair, 12 rounds: 0.831; another: 1.005), more than any one
 * change measured here, so a comparison needs several pairs of processes; the pooled
 * `npm run bench -- --versus` has one. Only GET routes a member reads (default: the unread count).
 */
import { benchDatabaseName, databaseUrl, withClient } from './db.js';
import { parseArgs } from './data.js';
import { cannon, cpuSeconds, freePort, login, serverEnv, startServer, type Server } from './run.js';
import type { AutocannonRequest } from 'autocannon';

const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One trial: both builds started afresh (in the order given), warmed up, then `rounds` paired rounds; A/B of each round. */
async function trial(builds: [string, string, string | undefined][], dbUrl: string, route: string, rounds: number, seconds: number) {
  const servers: Server[] = [];
  try {
    for (const [name, main, nodeOptions] of builds) {
      const port = await freePort();
      const env = serverEnv(dbUrl, port);
      if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
      servers.push(await startServer(name, main, env, port));
    }
    const [sa, sb] = servers;
    const users = await withClient(dbUrl, async (c) =>
      (await c.query(`SELECT username FROM users WHERE role = 'member' ORDER BY md5(username) LIMIT 40`)).rows.map(
        (r) => r.username as string,
      ),
    );
    const tokens: string[] = [];
    for (const [i, u] of users.entries()) tokens.push(await login(sa.url, u, `10.9.0.${i + 1}`));
    let k = 0;
    const request: AutocannonRequest = {
      method: 'GET',
      path: route,
      setupRequest: (r) => ({
        ...r,
        headers: { authorization: `Bearer ${tokens[k++ % tokens.length]}`, 'x-forwarded-for': `10.8.${k % 200}.1` },
      }),
    };
    for (const s of servers) await cannon(s.url, request, 3, 20);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const got: Record<string, number> = {};
      for (const s of r % 2 ? [sb, sa] : [sa, sb]) {
        const pid = s.child.pid!;
        const before = cpuSeconds(pid);
        const { result } = await cannon(s.url, request, seconds, 20);
        const cpu = cpuSeconds(pid) - before;
        if (result.non2xx) throw new Error(`${s.name}: ${result.non2xx} answers not 2xx`);
        got[s.name] = (cpu * 1e6) / result.requests.total;
      }
      ratios.push(got.A / got.B);
      console.log(`  round ${r + 1}: A ${got.A.toFixed(1)} µs  B ${got.B.toFixed(1)} µs  A/B ${(got.A / got.B).toFixed(3)}`);
    }
    return ratios;
  } finally {
    for (const s of servers) await s.stop();
  }
}

const geometricMean = (x: number[]) => Math.exp(x.reduce((s, v) => s + Math.log(v), 0) / x.length);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.a !== 'string' || typeof args.b !== 'string') throw new Error('--a and --b: two builds, each a dist/src/main.js');
  const route = typeof args.route === 'string' ? args.route : '/api/me/notifications/unread-count';
  const trials = Number(args.trials ?? 4);
  const rounds = Number(args.rounds ?? 6);
  const seconds = Number(args.seconds ?? 3);
  const dbUrl = databaseUrl(benchDatabaseName(Number(args.members ?? 56_000)));
  const perTrial: number[] = [];
  for (let t = 0; t < trials; t++) {
    // every other trial starts B first: which process comes up first is not what is measured
    const builds: [string, string, string | undefined][] = [
      ['A', args.a, typeof args['a-node-options'] === 'string' ? args['a-node-options'] : undefined],
      ['B', args.b, typeof args['b-node-options'] === 'string' ? args['b-node-options'] : undefined],
    ];
    const ratios = await trial(t % 2 ? builds.reverse() : builds, dbUrl, route, rounds, seconds);
    perTrial.push(geometricMean(ratios));
    console.log(`trial ${t + 1}: A/B ${perTrial[t].toFixed(3)} (geometric mean of ${rounds} rounds)`);
  }
  console.log(
    `${route}: A/B median of ${trials} trials ${median(perTrial).toFixed(3)}, geometric mean ${geometricMean(perTrial).toFixed(3)}, ` +
      `range ${Math.min(...perTrial).toFixed(3)}–${Math.max(...perTrial).toFixed(3)}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
