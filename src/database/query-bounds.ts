import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { currentDeadline, RequestTimeoutError, runWithDeadline, type RequestDeadline } from '../common/request-timeouts.js';

/**
 * Client-side bounds on every statement a request sends to PostgreSQL (outside review II):
 *
 * - **The request's deadline.** When a request is answered 503 REQUEST_TIMEOUT its running
 *   statement is cancelled (a protocol CancelRequest on a new socket: no pooled connection is
 *   needed), its further statements are refused except a ROLLBACK (so a COMMIT never follows:
 *   TypeORM rolls the transaction back), and every connection it holds is closed when released
 *   rather than returned to the pool, so that the server ends whatever it had open. A write
 *   answered 503 is therefore not applied later — except in the one window no client can close:
 *   a COMMIT already received by the server whose answer did not come back (see docs/security.md).
 * - **A statement that does not come back.** After PROBE_AFTER_MS without an answer a separate
 *   connection asks the server what the statement's backend is doing (`pg_stat_activity`): still
 *   running (a long report, a lock wait) is left to `statement_timeout` and the deadline; the
 *   server unreachable, the backend gone, or idle while we still wait for its answer (the
 *   connection froze: a partition, a NAT that dropped it) ends the wait at once with a
 *   "connection unavailable" error (503 SERVICE_UNAVAILABLE), and the connection is destroyed.
 * - **The database not answering a request once** (no connection within the connect timeout, a
 *   frozen connection): the request's later statements fail at once instead of waiting again,
 *   so a request that needs the database several times (the rate-limit counter, then the route)
 *   still answers within one bound.
 *
 * The embedded PGlite runs in this process, one statement at a time, and can neither wait on a
 * lock nor be partitioned away: there only the refusal of statements after the deadline applies.
 */

/** How long a statement runs before its connection's liveness is checked (at most; the sweep looks up to SWEEP_MS sooner). */
export const PROBE_AFTER_MS = 1_000;
/** How often the statements still running are looked at. */
const SWEEP_MS = 100;
/** How long the liveness check may take (connect and query) before the server counts as unreachable. */
export const PROBE_TIMEOUT_MS = 1_000;
/** How long a cancelled statement may take to report its cancellation before its connection is dropped. */
const CANCEL_GRACE_MS = 1_000;

const WRAPPED = Symbol('queryBoundsWrapped');
const POISONED = Symbol('queryBoundsPoisoned');
/** The deadline of the request that checked the connection out (none in background work). */
const HOLDER = Symbol('queryBoundsHolder');
/** The statements the connection runs or has queued. */
const RUNNING = Symbol('queryBoundsRunning');
/** pg-pool's release of the current checkout (the wrapper below calls it once). */
const POOL_RELEASE = Symbol('queryBoundsPoolRelease');
/** Removes the current holder's abort listener. */
const STOP_WATCHING = Symbol('queryBoundsStopWatching');

type PgClient = pg.PoolClient & {
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
  connection: { stream: { destroy(err?: Error): void } };
  [WRAPPED]?: boolean;
  [POISONED]?: boolean;
  [HOLDER]?: RequestDeadline;
  [RUNNING]?: Set<Statement>;
  [POOL_RELEASE]?: (err?: Error | boolean) => void;
  [STOP_WATCHING]?: () => void;
};
type Pool = pg.Pool & { options: pg.PoolConfig };
type Callback = (err: Error | undefined, value?: unknown) => void;

/** A statement under a request's deadline, from the moment it is sent until it is answered or given up on. */
interface Statement {
  client: PgClient;
  deadline: RequestDeadline;
  callback: Callback;
  startedAt: number;
  settled: boolean;
  /** The probe's next look, or the cancellation's grace. */
  timer?: NodeJS.Timeout;
  /** Its own abort listener, when the connection was checked out under another deadline or none. */
  stopWatching?: () => void;
}

/** The error a statement fails with when its connection stopped answering (error.filter: 503). */
export class ConnectionUnavailableError extends Error {
  readonly code = '08006'; // connection_failure
  constructor(message: string) {
    super(`Connection terminated: ${message}`);
  }
}

function timedOut(deadline: RequestDeadline): Error {
  const err = deadline.reason ?? new RequestTimeoutError(0);
  // a SQLSTATE too, so that whatever sees it as a database error answers 503 (query_canceled)
  return Object.assign(new Error(`statement refused: ${err.message}`), { code: '57014' });
}

const isRollback = (text: string) => /^\s*ROLLBACK\b/i.test(text);

export interface QueryBoundsOptions {
  /** The server can be probed and cancelled (false for the embedded database). */
  server: boolean;
  /** Where the probe connects: the pool's own connection parameters. */
  log?: Logger;
}

/** Puts the bounds on every pool of a data source (the primary and any replica). */
export function boundQueries(ds: DataSource, options: QueryBoundsOptions): void {
  const driver = ds.driver as unknown as { master?: Pool; slaves?: Pool[] };
  for (const pool of [driver.master, ...(driver.slaves ?? [])]) if (pool) boundPool(pool, options);
}

/**
 * A checked-out connection's `release`: removes the holder's abort listener, puts pg-pool's release
 * of this checkout back on the connection and calls it (a connection of a request that timed out is
 * closed). A second `client.release()` therefore reaches pg-pool's, which throws on a double release.
 */
function releaseOnce(this: PgClient, err?: Error | boolean): void {
  const release = this[POOL_RELEASE];
  if (!release) return;
  this[POOL_RELEASE] = undefined;
  const stopWatching = this[STOP_WATCHING];
  this[STOP_WATCHING] = undefined;
  stopWatching?.();
  this[HOLDER] = undefined;
  this.release = release;
  release.call(this, this[POISONED] ? true : err);
}

function boundPool(pool: Pool, options: QueryBoundsOptions): void {
  const log = options.log ?? new Logger('QueryBounds');
  const connect = pool.connect.bind(pool) as (callback: (err: Error | undefined, client?: PgClient) => void) => void;

  /** Checks a connection out for a request (or background work), refusing at once where the deadline says so. */
  const acquire = (deadline: RequestDeadline | undefined, answer: (err: Error | undefined, client?: PgClient) => void): void => {
    if (deadline?.aborted) return process.nextTick(answer, timedOut(deadline));
    if (deadline?.databaseDown) return process.nextTick(answer, deadline.databaseDown);
    // pg-pool calls back a request that waited for a connection from whatever gave one back: the
    // release of another request, or a socket's event. The callback runs under the deadline of the
    // request that asked, so that what it sends at once (direct-queries.ts) is bounded by its own
    // deadline, not by the other request's (test/e2e/direct-queries)
    const callback = (err: Error | undefined, client?: PgClient) => runWithDeadline(deadline, () => answer(err, client));
    connect((err, client) => {
      if (err || !client) {
        if (deadline) deadline.databaseDown = err;
        return callback(err);
      }
      if (!client[WRAPPED]) wrapClient(client);
      if (deadline?.aborted) {
        client.release(true);
        return callback(timedOut(deadline));
      }
      // a connection held by a request that timed out is closed, not reused: the server then rolls
      // back whatever the request left open; its running statement is cancelled
      client[HOLDER] = deadline;
      const stopWatching = deadline?.onAbort(() => {
        client[POISONED] = true;
        if (client[RUNNING]) for (const s of client[RUNNING]) if (s.deadline === deadline) abortStatement(s);
      });
      // the checkout's state in the connection's fields and one release function for every
      // checkout, not a closure per checkout: a closure made here kept, through its scope, the
      // request's callback and all it reached alive past the request, and the young generation
      // promoted ~1.5 MB of finished requests per scavenge (docs/scaling.md, finding 16)
      client[POOL_RELEASE] = client.release;
      client[STOP_WATCHING] = stopWatching;
      client.release = releaseOnce as typeof client.release;
      callback(undefined, client);
    });
  };

  (pool as { connect: unknown }).connect = (
    callback?: (err: Error | undefined, client?: PgClient, done?: (err?: Error | boolean) => void) => void,
  ) => {
    const deadline = currentDeadline();
    if (!callback) {
      return new Promise<PgClient>((resolve, reject) => acquire(deadline, (err, client) => (err ? reject(err) : resolve(client!))));
    }
    acquire(deadline, (err, client) => (err ? callback(err) : callback(undefined, client, (e?: Error | boolean) => client!.release(e))));
    return undefined;
  };

  function wrapClient(client: PgClient): void {
    client[WRAPPED] = true;
    const query = client.query as (...a: unknown[]) => unknown;
    (client as { query: unknown }).query = function (this: PgClient, config: unknown, values?: unknown, callback?: unknown) {
      const deadline = currentDeadline();
      if (!deadline || typeof (config as { submit?: unknown })?.submit === 'function') return query.call(this, config, values, callback);
      if (typeof values === 'function') {
        callback = values;
        values = undefined;
      }
      const text = typeof config === 'string' ? config : String((config as { text?: unknown })?.text ?? '');
      let refused: Error | undefined;
      if (!isRollback(text)) {
        if (deadline.aborted) {
          this[POISONED] = true;
          refused = timedOut(deadline);
        } else if (deadline.databaseDown) refused = deadline.databaseDown;
      }
      if (typeof callback === 'function') {
        if (refused) process.nextTick(callback as Callback, refused);
        else send(this, query, config, values, deadline, callback as Callback);
        return undefined;
      }
      if (refused) return Promise.reject(refused);
      return new Promise((resolve, reject) =>
        send(this, query, config, values, deadline, (err, value) => (err ? reject(err) : resolve(value))),
      );
    };
  }

  /**
   * Sends a statement and answers `callback` once: with pg's answer, or sooner when the request
   * times out (after the cancellation's grace) or the connection froze. One record per statement,
   * no timer: the sweep below looks at the statements still running every SWEEP_MS.
   */
  function send(
    client: PgClient,
    query: (...a: unknown[]) => unknown,
    config: unknown,
    values: unknown,
    deadline: RequestDeadline,
    callback: Callback,
  ): void {
    const s: Statement = { client, deadline, callback, startedAt: Date.now(), settled: false };
    (client[RUNNING] ??= new Set()).add(s);
    if (client[HOLDER] !== deadline) s.stopWatching = deadline.onAbort(() => abortStatement(s));
    if (options.server) track(s);
    try {
      query.call(client, config, values, (err: Error | null, value: unknown) => {
        if (s.settled) return;
        settle(s);
        callback(err ?? undefined, value);
      });
    } catch (e) {
      settle(s);
      throw e;
    }
  }

  function settle(s: Statement): void {
    s.settled = true;
    s.client[RUNNING]!.delete(s);
    running.delete(s);
    s.stopWatching?.();
    if (s.timer) clearTimeout(s.timer);
  }

  /** Gives up on a statement's connection: the statement fails with `err`, the connection is destroyed. */
  function drop(s: Statement, err: Error): void {
    if (s.settled) return;
    settle(s);
    s.client[POISONED] = true;
    s.deadline.databaseDown ??= err;
    s.client.connection.stream.destroy();
    s.callback(err);
  }

  function abortStatement(s: Statement): void {
    if (s.settled) return;
    s.client[POISONED] = true;
    if (!options.server) return; // the embedded database finishes the statement; nothing follows it
    cancel(s.client, log);
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => drop(s, new ConnectionUnavailableError('a cancelled statement did not answer')), CANCEL_GRACE_MS);
  }

  // The statements running on the server, looked at every SWEEP_MS while there are any: one that
  // has run PROBE_AFTER_MS goes to the liveness probe (its connection's backend asked what it does)
  const running = new Set<Statement>();
  let sweeper: NodeJS.Timeout | undefined;
  const track = (s: Statement) => {
    running.add(s);
    if (!sweeper) {
      sweeper = setInterval(sweep, SWEEP_MS);
      sweeper.unref();
    }
  };
  function sweep(): void {
    if (!running.size) {
      clearInterval(sweeper);
      sweeper = undefined;
      return;
    }
    // due within the next sweep: probed between PROBE_AFTER_MS - SWEEP_MS and PROBE_AFTER_MS
    const due = Date.now() - PROBE_AFTER_MS + SWEEP_MS;
    for (const s of running) {
      if (s.startedAt > due) continue;
      running.delete(s); // the probes take it from here
      check(s, PROBE_AFTER_MS);
    }
  }
  /** Asks what the statement's backend does; still running: asks again after twice as long (up to 8 s). */
  function check(s: Statement, after: number): void {
    void probe(pool, s.client.processID).then((state) => {
      if (s.settled) return;
      if (state === 'active') {
        const next = Math.min(after * 2, 8_000);
        s.timer = setTimeout(() => check(s, next), next);
        return;
      }
      const gone = () => drop(s, new ConnectionUnavailableError(`the database did not answer (${state})`));
      // the backend idle: its answer may be on its way, look once more before giving up on the
      // connection; unreachable or gone: the probe's own wait was that chance
      if (state === 'idle') s.timer = setTimeout(gone, 250);
      else gone();
    });
  }
}

/** The parts of pg's (untyped) wire-protocol Connection that a cancel request uses. */
interface PgWireConnection {
  stream: { destroy(): void };
  on(event: 'error', listener: (e: Error) => void): void;
  on(event: 'end' | 'connect', listener: () => void): void;
  cancel(processID: number, secretKey: number): void;
  connect(path: string): void;
  connect(port: number, host?: string): void;
}

/** Asks PostgreSQL, over a new socket, to cancel what the connection runs (no pooled connection needed). */
function cancel(client: PgClient, log: Logger): void {
  const { processID, secretKey } = client;
  if (processID == null || secretKey == null) return;
  const con = new (pg as unknown as { Connection: new (o: object) => PgWireConnection }).Connection({});
  const done = setTimeout(() => con.stream.destroy(), PROBE_TIMEOUT_MS);
  done.unref();
  con.on('error', (e: Error) => log.warn(`could not cancel a statement: ${e.message}`));
  con.on('end', () => clearTimeout(done));
  con.on('connect', () => con.cancel(processID, secretKey));
  if (client.host?.startsWith('/')) con.connect(`${client.host}/.s.PGSQL.${client.port}`);
  else con.connect(client.port, client.host);
}

/** What the backend of a connection is doing, asked over a separate short-lived connection. */
async function probe(pool: Pool, pid: number | null): Promise<'active' | 'idle' | 'gone' | 'unreachable'> {
  const { max: _max, min: _min, idleTimeoutMillis: _idle, ...params } = pool.options as pg.PoolConfig & Record<string, unknown>;
  const client = new pg.Client({
    ...(params as pg.ClientConfig),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
    keepAlive: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ state: string | null }>('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (!rows.length) return 'gone';
    return rows[0].state === 'active' ? 'active' : 'idle';
  } catch {
    return 'unreachable';
  } finally {
    void client.end().catch(() => undefined);
  }
}
