import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { isStale } from '../../scripts/build-stale.mjs';
import { REPO_ROOT } from '../../src/bootstrap.js';

/**
 * The built server (`node dist/src/main.js`, what `npm start` runs) as a child process, for the
 * tests that need a real process: signals, exit codes, a restart on the same data.
 */

const MAIN = join(REPO_ROOT, 'dist/src/main.js');

/**
 * Builds dist/ (`npm run build`: scripts/build-api.mjs, SWC) when it is missing or older than the
 * sources; CI has built it already. Types are the type-check's business (`npm run typecheck`).
 */
export function ensureBuilt(): void {
  const fresh = () => !isStale('api');
  if (fresh()) return;
  // test files run in parallel workers: one builds, the others wait for it
  const lock = join(REPO_ROOT, 'dist', '.test-build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another test has been building dist/ for 5 minutes (remove ${lock} if it died)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (fresh()) return;
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-api.mjs')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts the built server with `env` (on top of a clean environment) and waits until /api/health
 * answers 200. `nodeArgs` go to node before the script (`--max-old-space-size=384`, as `npm start`).
 */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: REPO_ROOT,
    env: { ...inherited, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) return { child, port, base, output: () => log, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start (${gone ? 'it exited' : 'timed out'}):\n${log}`);
}
