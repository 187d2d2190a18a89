/**
 * Writes a migration with the statements that bring the migrated schema to the entities:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run migration:make -- AddSurveys
 * It migrates a scratch database created on that server (and dropped after), writes
 * migrations/<timestamp>-<name>.ts with raw SQL up/down, and lists it in migrations/index.ts.
 * Read the result: indexes TypeORM cannot express (trigram, gist, partial) are added by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../ormconfig.js';
import { schemaDiff } from '../src/database/schema-diff.js';
import { REPO_ROOT } from '../src/bootstrap.js';

const name = process.argv[2];
const server = process.env.DATABASE_URL;
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name) || !server) {
  console.error('usage: DATABASE_URL=<server> npm run migration:make -- PascalCaseName');
  process.exit(2);
}
const scratch = `migration_make_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratch}`);
const url = new URL(server);
url.pathname = `/${scratch}`;
const ds = new DataSource(createDataSourceOptions(url.toString(), 2));
try {
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const sql = await schemaDiff(ds);
  if (!sql.upQueries.length) {
    console.log('no difference between the entities and the migrations');
  } else {
    const ts = Date.now();
    const cls = `${name}${ts}`;
    const lit = (q: string) => '      `' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`,';
    const file = `${ts}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
    writeFileSync(
      join(REPO_ROOT, 'migrations', `${file}.ts`),
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
${sql.upQueries.map((x) => lit(x.query)).join('\n')}
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
${[...sql.downQueries]
  .reverse()
  .map((x) => lit(x.query))
  .join('\n')}
    ]) {
      await q.query(sql);
    }
  }
}
`,
    );
    const indexFile = join(REPO_ROOT, 'migrations', 'index.ts');
    let index = readFileSync(indexFile, 'utf8');
    index = index.replace(/(\n\/\*\*)/, `import { ${cls} } from './${file}.js';\n$1`);
    index = index.replace(/,?\s*\];\s*$/, `,\n  ${cls},\n];\n`);
    writeFileSync(indexFile, index);
    console.log(`wrote migrations/${file}.ts (${sql.upQueries.length} statements) and listed it in migrations/index.ts`);
  }
} finally {
  if (ds.isInitialized) await ds.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
}
