import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { ensureBuilt, startServer, type ServerProcess } from './server-process.js';

/**
 * Graceful shutdown of the built server (`node dist/src/main.js`): on SIGTERM it stops accepting
 * connections, lets the requests in flight finish, closes the database pool (and the embedded
 * database) and exits 0; the data it acknowledged is there after a restart.
 * Runs on the embedded database under a temporary DATA_DIR, or on a fresh database of DATABASE_URL's server.
 */

const ADMIN = { username: 'quantri.tat', password: 'Quan-tri-thu-tat-may-2025!' };

/** An HTTP/1.1 request over a raw socket whose body is sent in two parts, so that it can be held open. */
function heldRequest(port: number, path: string, token: string, json: object) {
  const body = Buffer.from(JSON.stringify(json));
  const socket: Socket = connect(port, '127.0.0.1');
  let raw = Buffer.alloc(0);
  const response = new Promise<{ status: number; headers: string; body: any }>((resolve, reject) => {
    socket.on('data', (d: Buffer) => {
      raw = Buffer.concat([raw, d]);
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = raw.subarray(0, end).toString();
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (raw.length < end + 4 + length) return;
      const text = raw.subarray(end + 4, end + 4 + length).toString();
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: text ? JSON.parse(text) : null });
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed before a full response: ${raw.toString()}`)));
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    response,
    /** Resolves when the connection is closed (by the server, after a `Connection: close` response). */
    closed,
    /** Sends the headers and the first half of the body; the request is then in flight. */
    async start() {
      await connected;
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body.subarray(0, body.length >> 1));
    },
    finish() {
      socket.write(body.subarray(body.length >> 1));
    },
    close() {
      socket.destroy();
    },
  };
}

/**
 * A GET whose request line and first header are sent at once and the end of the headers later:
 * the connection is busy, so the server does not close it as idle when it starts shutting down.
 */
function slowHeaders(port: number, path: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  let raw = '';
  const response = new Promise<{ status: number; headers: string; body: any }>((resolve, reject) => {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      raw += d;
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = raw.slice(0, end);
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      const text = raw.slice(end + 4);
      if (Buffer.byteLength(text) < length) return;
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: text ? JSON.parse(text) : null });
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed before a full response: ${raw}`)));
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    response,
    async start() {
      await connected;
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    },
    finish() {
      socket.write('Accept: application/json\r\n\r\n');
    },
    close() {
      socket.destroy();
    },
  };
}

/** Tries to open a connection: true when the server accepts it, false when it is refused. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function loginAs(base: string, user: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const body: any = await res.json();
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

describe('graceful shutdown on SIGTERM (the built server as a process)', () => {
  let dir: string;
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sotay-sigterm-'));
    database = await createTestDatabase();
    env = {
      DATA_DIR: dir,
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
  }, 300_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stops accepting, finishes the request in flight, closes the database and exits 0; a restart finds the data', async () => {
    server = await startServer(env);
    const { port, base } = server;
    const token = await loginAs(base, ADMIN); // leaves an idle keep-alive connection behind, as browsers do

    const inFlight = heldRequest(port, '/api/committees', token, {
      name: 'Tỉnh ủy thử tắt máy',
      code: 'SIGTERM-TEST-01',
      kind: 'province',
      parentId: null,
    });
    await inFlight.start();
    const late = slowHeaders(port, '/api/health');
    await late.start();
    await new Promise((r) => setTimeout(r, 1_000)); // the server has read the headers: the request is in flight

    const signalled = Date.now();
    server.child.kill('SIGTERM');

    // new connections are refused soon after
    let refusedAfter: number | null = null;
    while (Date.now() - signalled < 5_000) {
      if (!(await accepts(port))) {
        refusedAfter = Date.now() - signalled;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(refusedAfter).not.toBeNull();
    expect(refusedAfter!).toBeLessThan(3_000);
    // ... while the one in flight is still being served
    expect(server.child.exitCode).toBeNull();

    // a request that arrives on an open connection while the server drains is refused with the
    // one error body and Retry-After (not Fastify's own {"error":"Service Unavailable",...})
    late.finish();
    const refused = await late.response;
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 503,
      body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
    });
    expect(refused.headers).toMatch(/^retry-after: \d+$/im);
    expect(refused.headers).toMatch(/^connection: close$/im);
    late.close();

    inFlight.finish();
    const res = await inFlight.response;
    expect(res.status).toBe(201);
    // the client is told to let go of the connection (it would keep it alive otherwise), and the server closes it
    expect(res.headers).toMatch(/^connection: close$/im);
    await inFlight.closed;
    expect(res.body).toMatchObject({ name: 'Tỉnh ủy thử tắt máy', code: 'SIGTERM-TEST-01', kind: 'province' });

    const exit = await Promise.race([
      server.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running 10 s after SIGTERM:\n${server!.output()}`)), 10_000),
      ),
    ]);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/ERROR/);
    // PGlite removes its postmaster.pid when it is closed, not when the process merely ends
    if (!database.url) expect(existsSync(join(dir, 'pglite', 'postmaster.pid'))).toBe(false);

    // the pool (and the embedded database) closed cleanly: a restart on the same data finds the committee
    server = await startServer(env);
    const again = await loginAs(server.base, ADMIN);
    const found = await fetch(`${server.base}/api/committees/${res.body.id}`, { headers: { authorization: `Bearer ${again}` } });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: res.body.id, code: 'SIGTERM-TEST-01' });

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 180_000);
});
