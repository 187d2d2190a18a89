import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error.filter.js';

/**
 * Routes that legitimately take longer than REQUEST_TIMEOUT_MS: uploads of big files, exports
 * and downloads streamed to slow mobile links, the bulk issue of a subtree's accounts (one hash
 * per member; its initial passwords are answered only once, so cutting it would lose them). They
 * get LONG_REQUEST_TIMEOUT_MS. `METHOD /path` as Fastify registers it (`:id` parameters).
 * test/e2e/security-limits checks that each one names a route of openapi.json.
 */
export const LONG_RUNNING_ROUTES: readonly string[] = [
  'POST /api/members/import',
  'GET /api/members/export',
  'POST /api/members/accounts/bulk',
  'POST /api/documents/:id/file',
  'GET /api/documents/:id/file',
  'GET /api/me/documents/:id/file',
  'GET /api/surveys/:id/results/export',
];

/**
 * One request's time budget. `abort` is called when the request has been answered 503
 * REQUEST_TIMEOUT: from then on the database layer (src/database/query-bounds.ts) cancels the
 * request's running statement, refuses its further statements (but a ROLLBACK) and discards
 * the connections it holds, so that a write answered 503 is not applied later.
 * `databaseDown` is set when the database did not answer this request once (a connection that
 * could not be had, a statement that did not come back): its further database work then fails at
 * once rather than waiting a second time.
 *
 * Not an AbortController: making one and adding and removing its listeners (on each connection
 * and each statement) cost about 15 µs of Node CPU per request (EventTarget, issue 20), and
 * nothing here hands the signal to an API that takes one.
 */
export class RequestDeadline {
  aborted = false;
  /** Why it was aborted (a RequestTimeoutError). */
  reason: Error | undefined;
  databaseDown?: Error;
  private readonly listeners = new Set<() => void>();

  constructor(readonly deadline: number) {}

  /** Calls `listener` once when the deadline is aborted; answers the function that removes it. */
  onAbort(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}

const storage = new AsyncLocalStorage<RequestDeadline | undefined>();

/** The budget of the request being served, if any (none in background work and at startup). */
export function currentDeadline(): RequestDeadline | undefined {
  return storage.getStore();
}

/** Runs `fn` under a budget (tests and background jobs that want the same bounds); under none with `undefined`. */
export function runWithDeadline<T>(deadline: RequestDeadline | undefined, fn: () => T): T {
  // entering the context it is already in would only cost its frame (two Maps on Node 24)
  return storage.getStore() === deadline ? fn() : storage.run(deadline, fn);
}

/** The error a timed-out request is answered with (error.filter: 503 REQUEST_TIMEOUT, Retry-After). */
export class RequestTimeoutError extends Error {
  readonly code = 'FST_ERR_HANDLER_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`the request was not answered within ${timeoutMs} ms`);
  }
}

const DEADLINE = Symbol('requestDeadline');
type WithDeadline = FastifyRequest & { [DEADLINE]?: RequestDeadline };

/**
 * Every route must be answered within `standardMs`, the long-running ones within `longMs`,
 * counted from the moment the request arrives (its body included): past that it is answered 503
 * REQUEST_TIMEOUT and its database work is cancelled.
 *
 * Not Fastify's `handlerTimeout`: it clears its timer (and aborts `request.signal`) on the
 * request stream's `close`, which Node emits as soon as a body has been read — so it never fired
 * for a request with a body, i.e. for any write (outside review II). This timer is cleared only
 * when the response is finished or its connection closes.
 */
export function installRequestTimeouts(fastify: FastifyInstance, standardMs: number, longMs: number): void {
  const long = new Set(LONG_RUNNING_ROUTES);
  fastify.addHook('onRequest', (req: WithDeadline, reply: FastifyReply, done) => {
    const url = req.routeOptions.url;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const ms = url && long.has(`${method} ${url}`) ? longMs : standardMs;
    const deadline = new RequestDeadline(Date.now() + ms);
    req[DEADLINE] = deadline;
    const timer = setTimeout(() => {
      const err = new RequestTimeoutError(ms);
      if (!reply.sent && !reply.raw.headersSent) sendError(err, req, reply);
      // a response already under way (a stream) cannot turn into an error: it is cut
      else if (!reply.raw.writableEnded) reply.raw.destroy(err);
      deadline.abort(err);
    }, ms);
    reply.raw.once('close', () => clearTimeout(timer));
    storage.run(deadline, done);
  });
  // the body is read in the socket's callbacks, outside the context entered above: enter it again
  // right before the guards and the handler run (@fastify/request-context does the same). A request
  // without a body (a GET) gets here in the same call as onRequest, still inside it
  fastify.addHook('preHandler', (req: WithDeadline, _reply: FastifyReply, done) => {
    const deadline = req[DEADLINE];
    if (deadline && storage.getStore() !== deadline) storage.run(deadline, done);
    else done();
  });
}
