// Builds what `npm start` serves, and only what is out of date: the API (dist/, `tsc`), the dashboard
// (admin/dist) and the member app (app/dist), each when its output is missing or older than one of
// its sources (modification times, as make does). A front-end whose dependencies are missing or
// older than its lockfile gets its `npm ci` first. The three builds run side by side (a fresh clone's
// first start waits for the longest, not for the sum).
//
// Plain JavaScript, no dependency: it runs before anything is compiled. `node scripts/build-stale.mjs
// --check` prints what is stale and builds nothing. test/browser/harness.ts and
// test/faults/server-process.ts ask the same question through `isStale`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** What each build reads (paths from the repository root) and the file that marks its output. */
export const TARGETS = {
  api: {
    output: 'dist/src/main.js',
    sources: ['src', 'migrations', 'scripts', 'bench', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    // tsc compiles TypeScript only; unit specs are not part of the build
    counts: (name) => /\.[mc]?ts$/.test(name) && !name.endsWith('.spec.ts'),
  },
  admin: {
    output: 'admin/dist/index.html',
    sources: [
      'admin/src',
      'admin/public',
      'admin/index.html',
      'admin/vite.config.ts',
      'admin/package.json',
      'admin/package-lock.json',
      'clients/typescript',
    ],
    counts: () => true,
  },
  app: {
    output: 'app/dist/index.html',
    // the member app also bundles the SDK and the dashboard's Vietnamese error messages
    sources: [
      'app/src',
      'app/public',
      'app/index.html',
      'app/vite.config.ts',
      'app/package.json',
      'app/package-lock.json',
      'clients/typescript',
      'admin/src/i18n/errorMessages.ts',
    ],
    counts: () => true,
  },
};

/** The newest modification time under `path` of the files `counts` accepts (0 when there are none). */
export function newestMtime(path, counts = () => true) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return counts(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'results') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name), counts));
  }
  return newest;
}

/** True when the target's output is missing or older than one of its sources. */
export function isStale(name, root = REPO) {
  const target = TARGETS[name];
  const output = join(root, target.output);
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return target.sources.some((s) => newestMtime(join(root, s), target.counts) > built);
}

/** A front-end's dependencies are missing or older than its lockfile (`npm ci` wants to run). */
export function needsInstall(dir, root = REPO) {
  const installed = join(root, dir, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return true;
  return statSync(join(root, dir, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
}

function run(label, args) {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn('npm', args, { cwd: REPO, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        console.log(`build-stale: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        done();
      } else fail(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function frontEnd(name) {
  if (needsInstall(name)) await run(`npm ci --prefix ${name}`, ['ci', '--prefix', name, '--no-audit', '--no-fund']);
  await run(`${name} build`, ['run', 'build', '--prefix', name]);
}

async function main() {
  const stale = Object.keys(TARGETS).filter((name) => isStale(name));
  if (process.argv.includes('--check')) {
    console.log(stale.length ? `stale: ${stale.join(', ')}` : 'everything is up to date');
    return;
  }
  if (!stale.length) return;
  console.log(`build-stale: building ${stale.join(', ')} (older than their sources, or never built)`);
  // all at once: tsc is CPU, an `npm ci` waits on the disk as much as on the CPU
  const builds = stale.map((name) => (name === 'api' ? run('API build (tsc)', ['run', '-s', 'build']) : frontEnd(name)));
  const results = await Promise.allSettled(builds);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    for (const f of failed) console.error(`build-stale: ${f.reason.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
