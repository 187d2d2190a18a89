import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

/** The contrib extensions the migrations create; every PGlite that opens the app's data loads them. */
export const EMBEDDED_EXTENSIONS = { ltree, pg_trgm, unaccent, pgcrypto };

/**
 * Opens an embedded database folder in this process (creating it, or filling an empty one from
 * `loadDataDir`, a tarball made by `dumpDataDir()`). One process at a time: PGlite takes no lock,
 * so a second process opening a folder in use would corrupt it.
 */
export function openEmbedded(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: EMBEDDED_EXTENSIONS, ...(loadDataDir ? { loadDataDir } : {}) });
}

/** Extended-query protocol messages after which the backend waits for more of the same sequence (up to a Sync). */
const EXTENDED_QUERY_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * The socket server runs the messages of all its connections one at a time on the one PGlite
 * session, and keeps to one connection while that session is inside a transaction block
 * (`isInTransaction()`). But a parameterised query outside a transaction is a sequence of
 * messages (Parse, Bind, Describe, Execute, Sync), and nothing kept another connection's
 * messages from running in between: a Parse or a simple query of another connection replaced or
 * dropped the unnamed statement, so the first query failed ("unnamed prepared statement does not
 * exist") or, worse, bound its parameters to the other connection's statement and got its rows.
 * This view of the database reports "in a transaction" from the first message of such a sequence
 * until its Sync as well, so the server keeps each sequence to its connection.
 */
function withAtomicExtendedQueries(db: PGlite): PGlite {
  let inSequence = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => inSequence || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          inSequence = message.length > 0 && EXTENDED_QUERY_MESSAGES.has(message[0]);
          return target.execProtocolRawStream(message, options);
        };
      }
      if (property === 'exec') {
        // the server's own ROLLBACK for a connection that went away in the middle
        return (query: string, options?: Parameters<PGlite['exec']>[1]) => {
          inSequence = false;
          return target.exec(query, options);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), exposed on 127.0.0.1 through the wire protocol so
 * that TypeORM's ordinary `postgres` driver talks to it exactly as it talks to a real server.
 * It executes one query at a time: a transaction must only use its own manager.
 */
export class EmbeddedPostgres {
  private static readonly logger = new Logger('EmbeddedPostgres');

  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  /** `dataDir` is a folder (created recursively) or `memory://` for a throw-away database. */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    const db = await openEmbedded(dataDir);
    // The pool may open every connection at once; the socket server's default of 1 refuses the rest.
    const server = new PGLiteSocketServer({
      db: withAtomicExtendedQueries(db),
      host: '127.0.0.1',
      port: 0,
      maxConnections: maxConnections + 2,
    });
    await server.start();
    const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
    EmbeddedPostgres.logger.log(`embedded PostgreSQL (PGlite) at ${url.replace(/:postgres@/, ':***@')}, data in ${dataDir}`);
    return new EmbeddedPostgres(db, server, url);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
