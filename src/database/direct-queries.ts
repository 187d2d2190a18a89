import type pg from 'pg';
import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';

type Pool = pg.Pool;
type Query = DataSource['query'];

const DIRECT = Symbol('directQueries');
const SOCKET_ERRORS = Symbol('directQueriesSocketErrors');
const SOCKET_ERROR = Symbol('directQueriesSocketError');
type Client = pg.PoolClient & { [SOCKET_ERRORS]?: boolean; [SOCKET_ERROR]?: Error };

/**
 * Raw SQL outside a transaction (`manager.query(sql, params)` on a repository's or the data
 * source's own manager, which is how every repository reads) runs on a pooled connection directly:
 * take one, run the statement, give it back. TypeORM's way makes a QueryRunner, a Broadcaster and
 * an EntityManager per statement, then a QueryResult, and awaits the before- and after-query
 * broadcasts: about 15–20 µs of Node CPU and the garbage they leave, per statement, on every read
 * (a CPU profile of the member's news feed and unread count, issue 20).
 *
 * What stays the same: the answer (rows; `[rows, rowCount]` for UPDATE and DELETE, as TypeORM's
 * postgres runner gives them), the error (QueryFailedError around the driver's error, logged as
 * TypeORM logs it), slow-statement logging, and the connection's bounds: `pool.connect` and
 * `client.query` are the ones query-bounds.ts wraps, so the request's deadline, cancellation and
 * liveness probe apply exactly as before. A connection whose socket fails while checked out is
 * released with the error (the pool drops it), as TypeORM's runner does. Transactions (a manager
 * with its own query runner), entity operations and replica reads are TypeORM's as before; and
 * while a TypeORM subscriber listens to queries (`beforeQuery`/`afterQuery`), every statement goes
 * TypeORM's way so that it sees them all.
 */
export function directQueries(ds: DataSource): void {
  const driver = ds.driver as unknown as { master?: Pool; options: { maxQueryExecutionTime?: number } };
  const pool = driver.master;
  if (!pool || (ds as { [DIRECT]?: boolean })[DIRECT]) return;
  (ds as { [DIRECT]?: boolean })[DIRECT] = true;
  const viaTypeorm: Query = ds.query.bind(ds);
  const listensToQueries = () => ds.subscribers.some((s) => typeof s.beforeQuery === 'function' || typeof s.afterQuery === 'function');

  const direct = (text: string, parameters?: unknown[]): Promise<unknown> => {
    if (parameters && !Array.isArray(parameters)) return viaTypeorm(text, parameters);
    ds.logger.logQuery(text, parameters);
    // callbacks inside, one promise outside: each promise costs the request's AsyncLocalStorage
    // (query-bounds' deadline) its hooks on Node 20, and an awaited connect and query made nine
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => {
        ds.logger.logQueryError(err, text, parameters);
        reject(new QueryFailedError(text, parameters, err));
      };
      (pool.connect as (cb: (err: Error | undefined, client?: Client) => void) => void)((err, client) => {
        if (err || !client) return reject(err);
        if (!client[SOCKET_ERRORS]) {
          // a connection whose socket fails while checked out is released with the error (the pool drops it)
          client[SOCKET_ERRORS] = true;
          client.on('error', (e: Error) => (client[SOCKET_ERROR] ??= e));
        }
        client[SOCKET_ERROR] = undefined;
        const started = driver.options.maxQueryExecutionTime ? Date.now() : 0;
        const answered = (err: Error | undefined, raw?: pg.QueryResult) => {
          client.release(client[SOCKET_ERROR]);
          if (err) return failed(err);
          if (started) {
            const took = Date.now() - started;
            if (took > driver.options.maxQueryExecutionTime!) ds.logger.logQuerySlow(took, text, parameters);
          }
          // as TypeORM's PostgresQueryRunner.query answers (several statements in one text: undefined)
          resolve(raw?.command === 'UPDATE' || raw?.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw?.rows);
        };
        try {
          client.query(text, parameters as unknown[], answered as (err: Error, raw: pg.QueryResult) => void);
        } catch (e) {
          answered(e as Error);
        }
      });
    });
  };

  ds.query = ((text: string, parameters?: unknown[], queryRunner?: QueryRunner) =>
    queryRunner || listensToQueries() ? viaTypeorm(text, parameters, queryRunner) : direct(text, parameters)) as Query;
}
