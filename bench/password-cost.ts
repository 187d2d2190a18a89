/**
 * `npm run build && node dist/bench/password-cost.js [--reps N]`: the CPU and the time of one
 * argon2id verification for each of OWASP's equivalent argon2id configurations (Password Storage
 * Cheat Sheet), beside the cost of src/auth/passwords.ts (CURRENT_COST), the former one (LEGACY_COST)
 * and the cheap one of generated initial passwords (INITIAL_COST). One verification at a time, as
 * the login's gate runs them (PASSWORD_HASH_CONCURRENCY = 1); CPU is the process's (argon2 runs on
 * libuv's threads, which process.cpuUsage counts). The load average is printed beside the figures.
 */
import argon2 from 'argon2';
import { loadavg } from 'node:os';
import { CURRENT_COST, INITIAL_COST, LEGACY_COST, type HashCost } from '../src/auth/passwords.js';
import { parseArgs } from './data.js';

const OWASP: [string, HashCost][] = [
  ['OWASP m=46 MiB t=1 p=1', { memoryCost: 47104, timeCost: 1, parallelism: 1 }],
  ['OWASP m=19 MiB t=2 p=1', { memoryCost: 19456, timeCost: 2, parallelism: 1 }],
  ['OWASP m=12 MiB t=3 p=1', { memoryCost: 12288, timeCost: 3, parallelism: 1 }],
  ['OWASP m=9 MiB t=4 p=1', { memoryCost: 9216, timeCost: 4, parallelism: 1 }],
  ['OWASP m=7 MiB t=5 p=1', { memoryCost: 7168, timeCost: 5, parallelism: 1 }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const reps = Number(args.reps ?? 15);
  const candidates: [string, HashCost][] = [
    ['former default (LEGACY_COST)', LEGACY_COST],
    ...OWASP,
    ['initial passwords (INITIAL_COST)', INITIAL_COST],
  ];
  const hashes = await Promise.all(candidates.map(([, c]) => argon2.hash('Mat-khau-tu-chon-2026', { type: argon2.argon2id, ...c })));
  const cpu = candidates.map(() => [] as number[]);
  const wall = candidates.map(() => [] as number[]);
  console.log(
    `${reps} verifications of each, interleaved; load average before ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  // interleaved rounds: a machine whose other work comes and goes weighs on every candidate alike
  for (let r = 0; r < reps + 1; r++) {
    for (let i = 0; i < candidates.length; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (!(await argon2.verify(hashes[i], 'Mat-khau-tu-chon-2026'))) throw new Error('verification failed');
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (r === 0) continue; // the first round warms up
      wall[i].push(t);
      cpu[i].push((c.user + c.system) / 1000);
    }
  }
  const current = candidates.findIndex(([, c]) => c === LEGACY_COST);
  console.log(
    `load average after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(
    `${'cost'.padEnd(34)} ${'memory'.padStart(8)} ${'CPU ms'.padStart(8)} ${'wall ms'.padStart(8)} ${'logins/s/core'.padStart(14)} ${'vs former'.padStart(10)}`,
  );
  for (let i = 0; i < candidates.length; i++) {
    const [name, c] = candidates[i];
    const cpuMs = median(cpu[i]);
    console.log(
      `${name.padEnd(34)} ${`${Math.round(c.memoryCost / 1024)} MiB`.padStart(8)} ${cpuMs.toFixed(1).padStart(8)} ${median(wall[i]).toFixed(1).padStart(8)} ${(1000 / cpuMs).toFixed(0).padStart(14)} ${`${(median(cpu[current]) / cpuMs).toFixed(1)}×`.padStart(10)}`,
    );
  }
  console.log(`\nCURRENT_COST: m=${CURRENT_COST.memoryCost} t=${CURRENT_COST.timeCost} p=${CURRENT_COST.parallelism}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
