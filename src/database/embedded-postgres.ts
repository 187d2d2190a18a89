import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

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
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir, extensions: { ltree, pg_trgm, unaccent, pgcrypto } });
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
