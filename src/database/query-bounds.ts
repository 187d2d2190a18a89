import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { currentDeadline, RequestTimeoutError, type RequestDeadline } from '../common/request-timeouts.js';

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

/** How long a statement runs before its connection's liveness is checked. */
export const PROBE_AFTER_MS = 1_000;
/** How long the liveness check may take (connect and query) before the server counts as unreachable. */
export const PROBE_TIMEOUT_MS = 1_000;
/** How long a cancelled statement may take to report its cancellation before its connection is dropped. */
const CANCEL_GRACE_MS = 1_000;

const WRAPPED = Symbol('queryBoundsWrapped');
const POISONED = Symbol('queryBoundsPoisoned');

type PgClient = pg.PoolClient & {
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
  connection: { stream: { destroy(err?: Error): void } };
  [WRAPPED]?: boolean;
  [POISONED]?: boolean;
};
type Pool = pg.Pool & { options: pg.PoolConfig };

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

function boundPool(pool: Pool, options: QueryBoundsOptions): void {
  const log = options.log ?? new Logger('QueryBounds');
  const connect = pool.connect.bind(pool) as () => Promise<PgClient>;

  const acquire = async (deadline: RequestDeadline | undefined): Promise<PgClient> => {
    if (deadline?.aborted) throw timedOut(deadline);
    if (deadline?.databaseDown) throw deadline.databaseDown;
    let client: PgClient;
    try {
      client = await connect();
    } catch (e) {
      if (deadline) deadline.databaseDown = e as Error;
      throw e;
    }
    if (!client[WRAPPED]) wrapClient(client);
    if (deadline?.aborted) {
      client.release(true);
      throw timedOut(deadline);
    }
    // a connection held by a request that timed out is closed, not reused: the server then rolls
    // back whatever the request left open
    const stopWatching = deadline?.onAbort(() => (client[POISONED] = true));
    const release = client.release;
    let released = false;
    client.release = ((err?: Error | boolean) => {
      if (released) return;
      released = true;
      stopWatching?.();
      client.release = release;
      release.call(client, client[POISONED] ? true : err);
    }) as typeof client.release;
    return client;
  };

  (pool as { connect: unknown }).connect = (
    callback?: (err: Error | undefined, client?: PgClient, done?: (err?: Error | boolean) => void) => void,
  ) => {
    const acquiring = acquire(currentDeadline());
    if (!callback) return acquiring;
    acquiring.then(
      (client) => callback(undefined, client, (err?: Error | boolean) => client.release(err)),
      (err: Error) => callback(err),
    );
    return undefined;
  };

  function wrapClient(client: PgClient): void {
    client[WRAPPED] = true;
    const query = client.query;
    (client as { query: unknown }).query = function (this: PgClient, config: unknown, values?: unknown, callback?: unknown) {
      const deadline = currentDeadline();
      const submittable = typeof (config as { submit?: unknown })?.submit === 'function';
      if (!deadline || submittable || typeof values === 'function' || typeof callback === 'function') {
        return (query as (...a: unknown[]) => unknown).apply(this, [config, values, callback]);
      }
      const text = typeof config === 'string' ? config : String((config as { text?: unknown })?.text ?? '');
      if (!isRollback(text)) {
        if (deadline.aborted) {
          client[POISONED] = true;
          return Promise.reject(timedOut(deadline));
        }
        if (deadline.databaseDown) return Promise.reject(deadline.databaseDown);
      }
      const running = (query as (...a: unknown[]) => Promise<unknown>).call(this, config, values);
      return watch(client, running, deadline);
    };
  }

  /** Waits for a statement, cutting the wait short when the request times out or the connection froze. */
  function watch<T>(client: PgClient, running: Promise<T>, deadline: RequestDeadline): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timers = new Set<NodeJS.Timeout>();
      const later = (ms: number, fn: () => void) => {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!settled) fn();
        }, ms);
        timers.add(t);
      };
      const settle = () => {
        settled = true;
        for (const t of timers) clearTimeout(t);
        stopWatching();
      };
      const drop = (err: Error) => {
        if (settled) return;
        settle();
        client[POISONED] = true;
        deadline.databaseDown ??= err;
        client.connection.stream.destroy();
        reject(err);
      };
      const onAbort = () => {
        client[POISONED] = true;
        if (!options.server) return; // the embedded database finishes the statement; nothing follows it
        cancel(client, log);
        later(CANCEL_GRACE_MS, () => drop(new ConnectionUnavailableError('a cancelled statement did not answer')));
      };
      const stopWatching = deadline.onAbort(onAbort);
      if (options.server) {
        const check = (after: number) =>
          later(after, () => {
            void probe(pool, client.processID).then((state) => {
              if (settled) return;
              if (state === 'active') return check(Math.min(after * 2, 8_000));
              // the answer may be on its way: look once more before giving up on the connection
              later(250, () => drop(new ConnectionUnavailableError(`the database did not answer (${state})`)));
            });
          });
        check(PROBE_AFTER_MS);
      }
      running.then(
        (value) => {
          if (settled) return;
          settle();
          resolve(value);
        },
        (err: unknown) => {
          if (settled) return;
          settle();
          reject(err);
        },
      );
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
