import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { createDataSourceOptions } from '../../ormconfig.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { hasReadReplica, onReadReplica } from '../../src/database/read-replica.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * DATABASE_REPLICA_URL: TypeORM's replication settings with the replica URL pointing at the primary
 * (what a test can have). Reads through onReadReplica use the replica's pool, everything else the
 * primary's, and the whole application runs with it. A replica needs a PostgreSQL server: on the
 * embedded run (no DATABASE_URL) the test uses the local one and fails, saying so, if it does not answer.
 */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('a read replica (DATABASE_REPLICA_URL)', () => {
  let server: string;
  let dbName: string;
  let url: string;
  let t: TestApp;

  beforeAll(async () => {
    server = process.env.DATABASE_URL ?? LOCAL_SERVER;
    const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (e) {
      throw new Error(`the replica test needs a PostgreSQL server: ${server} does not answer (${(e as Error).message})`, { cause: e });
    }
    dbName = `trr_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    url = u.toString();
    t = await createTestApp({ DATABASE_URL: url, DATABASE_REPLICA_URL: url });
  });

  afterAll(async () => {
    await t?.close();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  it('is refused without DATABASE_URL (the embedded database has no replica)', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica:5432/sotay' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url, DATABASE_REPLICA_URL: 'mysql://replica/sotay' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('gives TypeORM a primary and a replica, and sends only what asks for the replica to it', () => {
    const options = createDataSourceOptions('postgres://primary/sotay', 7, undefined, 'postgres://replica/sotay') as any;
    expect(options.url).toBeUndefined();
    expect(options.replication).toEqual({
      master: { url: 'postgres://primary/sotay' },
      slaves: [{ url: 'postgres://replica/sotay' }],
      defaultMode: 'master',
    });
    expect(options.extra.max).toBe(7);
    expect((createDataSourceOptions('postgres://primary/sotay') as any).replication).toBeUndefined();
  });

  it('reads through onReadReplica on the replica pool, and everything else on the primary', async () => {
    expect(hasReadReplica(t.db)).toBe(true);
    const driver = t.db.driver as PostgresDriver;
    const replicaPool = driver.slaves[0] as unknown as pg.Pool;
    const primaryPool = driver.master as unknown as pg.Pool;
    const taken = { replica: 0, primary: 0 };
    const onReplica = () => taken.replica++;
    const onPrimary = () => taken.primary++;
    replicaPool.on('acquire', onReplica);
    primaryPool.on('acquire', onPrimary);
    try {
      await t.db.query('SELECT 1');
      await t.db.getRepository('Committee').find({ take: 1 });
      await t.db.transaction((m) => m.query('SELECT 1'));
      expect(taken).toEqual({ replica: 0, primary: 3 });

      const seen = await onReadReplica(t.db, async (m) => {
        expect(m.queryRunner?.getReplicationMode()).toBe('slave');
        const [{ db }] = await m.query(`SELECT current_database() AS db`);
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM committees`);
        return { db, n };
      });
      expect(seen.db).toBe(dbName);
      // one connection of the replica's pool for the whole report, given back afterwards
      expect(taken).toEqual({ replica: 1, primary: 3 });
      expect(replicaPool.totalCount - replicaPool.idleCount).toBe(0);
    } finally {
      replicaPool.off('acquire', onReplica);
      primaryPool.off('acquire', onPrimary);
    }
  });

  it('runs the application with a replica configured', async () => {
    const tree = await createTree(t.db);
    const token = await tokenFor(t, 'committee_admin', tree.province);
    const res = await t.http().get('/api/analytics/install-rates').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.committee.id).toBe(tree.province.id);
  });
});
