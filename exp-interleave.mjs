import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
const db = await PGlite.create();
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
await server.start();
const pool = new pg.Pool({ connectionString: `postgres://postgres:postgres@${server.getServerConn()}/postgres`, max: 4 });
await pool.query('CREATE TABLE c (key text primary key, hits int)');
await pool.query('CREATE TABLE m (id int primary key, n int)');
await pool.query('INSERT INTO m VALUES (1, 0)');
let wrong = 0, errors = 0;
async function task(i) {
  const r1 = await pool.query('SELECT $1::int AS a, $2::text AS b', [i, 'x' + i]);
  if (r1.rows[0].a !== i || r1.rows[0].b !== 'x' + i) wrong++;
  const r2 = await pool.query('INSERT INTO c AS t (key, hits) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET hits = t.hits + 1 RETURNING key, hits', ['k']);
  if (r2.rows[0]?.key !== 'k') wrong++;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r3 = await client.query('SELECT id, n FROM m WHERE id = $1 FOR UPDATE', [1]);
    if (r3.rows[0]?.id !== 1) wrong++;
    await client.query('UPDATE m SET n = n + 1 WHERE id = $1', [1]);
    await client.query('COMMIT');
  } finally { client.release(); }
}
const tasks = [];
for (let i = 0; i < 200; i++) tasks.push(task(i).catch((e) => { errors++; if (errors < 4) console.log(e.message); }));
await Promise.all(tasks);
console.log({ wrong, errors, n: (await pool.query('select n from m')).rows[0].n, hits: (await pool.query('select hits from c')).rows[0].hits });
await pool.end(); await server.stop(); await db.close();
