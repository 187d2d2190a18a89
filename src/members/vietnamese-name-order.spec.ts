import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NAME_SORT_KEY_FUNCTION } from '../../migrations/1796528830433-vietnamese-name-order.js';
import { VIETNAMESE_ORDER } from '../../test/support/vietnamese-names.js';
import { nameSortKeyFunctionSql, primaryTranslation, toneTranslation } from './vietnamese-name-order.js';

describe('Vietnamese name order', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.exec(NAME_SORT_KEY_FUNCTION);
  });
  afterAll(async () => db?.close());

  it('is the migration’s function (a change to the tables needs a new migration)', () => {
    expect(NAME_SORT_KEY_FUNCTION).toBe(nameSortKeyFunctionSql());
  });

  it('maps every letter and tone once, letter for letter', () => {
    for (const t of [primaryTranslation(), toneTranslation()]) {
      expect([...t.from].length).toBe([...t.to].length);
      expect(new Set(t.from).size).toBe([...t.from].length);
    }
  });

  it('orders by given name, middle name, family name, in the Vietnamese alphabet and tone order', async () => {
    const shuffled = [...VIETNAMESE_ORDER].reverse();
    shuffled.push(shuffled.shift()!);
    const { rows } = await db.query<{ name: string }>(
      `SELECT name FROM unnest($1::text[]) AS name ORDER BY vn_name_sort_key(name) COLLATE "C", name`,
      [shuffled],
    );
    expect(rows.map((r) => r.name)).toEqual(VIETNAMESE_ORDER);
  });

  it('reads names as people type them: any case, spaces, decomposed accents', async () => {
    const key = async (name: string) => (await db.query<{ k: string }>(`SELECT vn_name_sort_key($1) AS k`, [name])).rows[0].k;
    expect(await key('  NGUYỄN   văn  AN ')).toBe(await key('Nguyễn Văn An'));
    expect(await key('Nguye\u0302\u0303n Va\u0306n An')).toBe(await key('Nguyễn Văn An'));
    expect(await key('An')).not.toBe(await key('Ân'));
    expect(await key('')).toEqual(expect.any(String));
  });
});
