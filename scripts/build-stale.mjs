// Builds what `npm start` serves, and only what is out of date: the API (dist/, SWC: scripts/build-api.mjs),
// the dashboard (admin/dist) and the member app (app/dist), each when its output is missing or older
// than one of its sources (modification times, as make does). A front-end whose dependencies are
// missing or older than its lockfile gets its `npm ci` first.
//
// The server needs only the API to migrate, seed and answer: the API is built first (a second), and
// the front-ends are built beside the running server by a child process this one leaves behind
// (`--front-ends`, in the same process group: Ctrl-C stops it with the server). Until a front-end's
// build lands, /admin/ and /app/ answer "Đang chuẩn bị giao diện…" and reload themselves (bootstrap.ts);
// each build is made in a temporary folder moved into dist/ whole. `--wait` builds everything before
// returning. `--check` prints what is stale and builds nothing.
//
// Plain JavaScript, no dependency but @swc/core: it runs before anything is compiled.
// test/browser/harness.ts (buildFrontEnd) and test/faults/server-process.ts (isStale) share it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApi } from './build-api.mjs';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** What each build reads (paths from the repository root) and the file that marks its output. */
export const TARGETS = {
  api: {
    output: 'dist/src/main.js',
    sources: ['src', 'migrations', 'scripts', 'bench', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    // the build compiles TypeScript only (unit specs are not part of it), with build-api.mjs's options
    counts: (name) => (/\.[mc]?ts$/.test(name) && !name.endsWith('.spec.ts')) || name.endsWith('build-api.mjs'),
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

/**
 * `npm <args>` in the repository. `quiet` keeps its output (the last 40 lines go into the error
 * when it fails) instead of printing it.
 */
function run(label, args, { root = REPO, quiet = false, env = {} } = {}) {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn('npm', args, {
      cwd: root,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        if (!quiet) console.log(`build-stale: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        done();
      } else {
        const tail = output.trim().split('\n').slice(-40).join('\n');
        fail(new Error(`${label} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
      }
    });
  });
}

/**
 * `npm ci` of a front-end. Its lockfile carries each package's tarball URL (`resolved`; the
 * front-end's .npmrc keeps npm writing it), so npm takes the tarballs it has from its cache by their
 * integrity and asks the registry only for the ones it lacks: no metadata request, hence no
 * `--prefer-offline` and no ETARGET from a stale cache (npm/cli#6367) to retry after.
 */
function install(name, options) {
  return run(`npm ci --prefix ${name}`, ['ci', '--prefix', name, '--no-audit', '--no-fund'], options);
}

/** True while the process that wrote `<lock>/pid` runs. */
function lockHeld(lock) {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user; no pid file yet: it is being written
    return e.code === 'EPERM' || (e.code === 'ENOENT' && existsSync(lock) && Date.now() - statSync(lock).mtimeMs < 10_000);
  }
}

/** Takes `<dir>/.build-lock` (one build of a front-end at a time, across processes); answers its release. */
async function lockBuild(dir) {
  const lock = join(dir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // left behind by a build that was killed
      if (!lockHeld(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(500);
    }
  }
}

/** What the process removes if a signal stops it mid-build: a temporary build folder, a lock. */
const leftovers = new Set();

/**
 * Builds a front-end (admin, app) when it is stale: `npm ci` when its dependencies are missing or
 * older than its lockfile, then `vite build` (a production build) into a temporary folder moved into
 * dist/ whole, so that a server serving it sees the old build or the new one, never half of one.
 * One build at a time per front-end (a lock shared with other processes: `npm start`s, test files).
 * Answers whether it built.
 */
export async function buildFrontEnd(name, { root = REPO, quiet = false } = {}) {
  if (!isStale(name, root)) return false;
  const dir = join(root, name);
  const release = await lockBuild(dir);
  leftovers.add(join(dir, '.build-lock'));
  const tmp = `dist.tmp-${process.pid}`;
  try {
    if (!isStale(name, root)) return false;
    if (needsInstall(name, root)) await install(name, { root, quiet });
    leftovers.add(join(dir, tmp));
    // a production build whatever NODE_ENV says (jest sets "test", which would bundle React's development build)
    await run(`${name} build`, ['run', 'build', '--prefix', name, '--', '--outDir', tmp, '--emptyOutDir'], {
      root,
      quiet,
      env: { NODE_ENV: 'production' },
    });
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    renameSync(join(dir, tmp), join(dir, 'dist'));
    return true;
  } finally {
    rmSync(join(dir, tmp), { recursive: true, force: true });
    release();
    leftovers.delete(join(dir, tmp));
    leftovers.delete(join(dir, '.build-lock'));
  }
}

/** Builds the front-ends named, side by side; exits 1 when one fails. */
async function buildFrontEnds(names) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const path of leftovers) rmSync(path, { recursive: true, force: true });
      process.exit(1);
    });
  }
  const results = await Promise.allSettled(names.map((name) => buildFrontEnd(name)));
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) console.error(`build-stale: ${f.reason.message}`);
  if (failed.length) process.exitCode = 1;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--front-ends') return buildFrontEnds(args.slice(1));
  const stale = Object.keys(TARGETS).filter((name) => isStale(name));
  if (args.includes('--check')) {
    console.log(stale.length ? `stale: ${stale.join(', ')}` : 'everything is up to date');
    return;
  }
  if (!stale.length) return;
  if (stale.includes('api')) {
    const started = Date.now();
    const files = await buildApi();
    console.log(`build-stale: API build (SWC, ${files} files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const frontEnds = stale.filter((name) => name !== 'api');
  if (!frontEnds.length) return;
  if (args.includes('--wait')) return buildFrontEnds(frontEnds);
  console.log(
    `build-stale: building ${frontEnds.join(' and ')} beside the server (older than their sources, or never built); ` +
      `until then /${frontEnds.join('/ and /')}/ answer "Đang chuẩn bị giao diện…" and reload themselves`,
  );
  spawn(process.execPath, [fileURLToPath(import.meta.url), '--front-ends', ...frontEnds], { stdio: 'inherit' }).unref();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
