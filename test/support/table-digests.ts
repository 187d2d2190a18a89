/**
 * Every table of the `public` schema (partitions included) as its row count and an md5 of its
 * rows, in one round trip: for "nothing changed" checks and for comparing a restored database
 * with its original. Meant for test-sized databases.
 */
export type TableDigests = Record<string, { rows: number; md5: string }>;

/** Any way to run a query and get its rows: TypeORM's `ds.query`, a pg client, PGlite. */
export type RunQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export async function tableNames(query: RunQuery): Promise<string[]> {
  const rows = await query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((r) => String(r.name));
}

export async function tableDigests(query: RunQuery, { exclude = [] as string[] } = {}): Promise<TableDigests> {
  const names = (await tableNames(query)).filter((n) => !exclude.includes(n));
  if (!names.length) return {};
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const sql = names
    .map(
      (name) =>
        `SELECT '${name.replace(/'/g, "''")}' AS name, count(*)::int AS rows,
                md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS md5 FROM ${quoted(name)} x`,
    )
    .join('\nUNION ALL\n');
  const out: TableDigests = {};
  for (const r of await query(sql)) out[String(r.name)] = { rows: Number(r.rows), md5: String(r.md5) };
  return out;
}

/** The tables whose digests differ (or exist on one side only). */
export function changedTables(before: TableDigests, after: TableDigests): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n]?.md5 !== after[n]?.md5 || before[n]?.rows !== after[n]?.rows).sort();
}
