/**
 * Migrates the database named by DATABASE_URL, then asks TypeORM whether the entities still differ
 * from the migrated schema. Prints the statements it would run and exits 1 when they differ.
 * `--print` prints the statements without failing (for writing a new migration).
 */
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../ormconfig.js';
import { schemaDiff } from '../src/database/schema-diff.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('schema-check: DATABASE_URL is required');
  process.exit(2);
}
const ds = new DataSource(createDataSourceOptions(url, 2));
await ds.initialize();
try {
  await ds.runMigrations({ transaction: 'each' });
  const sql = await schemaDiff(ds);
  if (sql.upQueries.length === 0) {
    console.log('schema-check: entities and migrations agree');
  } else {
    for (const q of sql.upQueries) console.log(`${q.query};`);
    if (!process.argv.includes('--print')) {
      console.error(`schema-check: ${sql.upQueries.length} statement(s) differ between entities and migrations`);
      process.exitCode = 1;
    }
  }
} finally {
  await ds.destroy();
}
