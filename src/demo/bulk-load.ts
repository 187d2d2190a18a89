import type { EntityManager } from 'typeorm';

/**
 * Drops the foreign keys of `tables` for the demo seed's bulk inserts and answers the function that
 * adds each one back exactly as it was (`pg_get_constraintdef`), which checks every row at once (one
 * join per key) instead of one lookup per inserted row and key: the order pg_restore uses, data first
 * and constraints after. The 139,000 attendance rows of the demo's meetings took 3.6 s with their
 * keys checked row by row (PGlite, load 6).
 *
 * Only inside the seed's transaction (`m`): a failure in between rolls back with the keys in place,
 * and no other session sees the tables without them. The ALTERs lock these tables and the ones they
 * reference until the commit; the seed runs before the server listens
 * (DemoSeedService.onApplicationBootstrap), and on a database that other servers use, their work on
 * these tables waits for it.
 */
export async function dropForeignKeysUntilChecked(m: EntityManager, tables: string[]): Promise<() => Promise<void>> {
  if (!m.queryRunner?.isTransactionActive) throw new Error('dropForeignKeysUntilChecked: only inside a transaction');
  const keys: { table: string; name: string; definition: string }[] = await m.query(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid = ANY (SELECT t::regclass FROM unnest($1::text[]) t)
      ORDER BY 1, 2`,
    [tables],
  );
  const byTable = new Map<string, typeof keys>();
  for (const k of keys) byTable.set(k.table, [...(byTable.get(k.table) ?? []), k]);
  const alter = (table: string, actions: string[]) => m.query(`ALTER TABLE ${table} ${actions.join(', ')}`);
  for (const [table, own] of byTable)
    await alter(
      table,
      own.map((k) => `DROP CONSTRAINT "${k.name}"`),
    );
  return async () => {
    for (const [table, own] of byTable)
      await alter(
        table,
        own.map((k) => `ADD CONSTRAINT "${k.name}" ${k.definition}`),
      );
  };
}
