import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory.js';

/**
 * What TypeORM would run to bring the database to the entities (`upQueries` empty: they agree), as
 * `ds.driver.createSchemaBuilder().log()` answers it, but with the schema builder's statements sent
 * one at a time. TypeORM's PostgresQueryRunner reads the tables with a Promise.all on its one
 * connection (an enum column's type name per column), which pg 8 queues with a DeprecationWarning
 * ("Calling client.query() when the client is already executing a query") and pg 9 will refuse.
 * The schema check (scripts/schema-check.ts), `npm run migration:make` and test/e2e/schema.e2e-spec.ts
 * read the difference through here.
 */
export async function schemaDiff(ds: DataSource): Promise<SqlInMemory> {
  const hadOwn = Object.hasOwn(ds, 'createQueryRunner');
  const createQueryRunner = ds.createQueryRunner;
  // the schema builder makes its own runner (RdbmsSchemaBuilder.log): hand it one that waits its turn
  ds.createQueryRunner = (mode) => oneStatementAtATime(createQueryRunner.call(ds, mode));
  try {
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    if (hadOwn) ds.createQueryRunner = createQueryRunner;
    else delete (ds as { createQueryRunner?: unknown }).createQueryRunner;
  }
}

/** Makes `runner.query` start each statement when the one before it has answered (or failed). */
function oneStatementAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
