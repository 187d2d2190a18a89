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
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: maxConnections + 2 });
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
