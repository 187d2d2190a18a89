import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTree, tokenFor } from '../factories/index.js';
import { changedTables, tableDigests } from '../support/table-digests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  csvCommas,
  csvManyLines,
  csvOneLine,
  deepXmlXlsx,
  entityExpansionXlsx,
  hugeCellXlsx,
  inlineRowsXlsx,
  lyingSizeXlsx,
  manySheetsXlsx,
  sharedStringsBomb,
} from '../support/upload-bombs.js';

/**
 * The upload bombs of the outside review (issue 13, finding 1) against the import route, as a
 * secretary, with the default caps: each is refused with its code, nothing is written, and the
 * same process goes on serving. (That the heap stays under its ceiling and health keeps answering
 * while one is read is test/faults/upload-bombs.e2e-spec.ts, on the built server.)
 */
describe('member import refuses upload bombs with a clear code and writes nothing (issue 13, finding 1)', () => {
  let t: TestApp;
  let secretary: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_WRITES: '1000' });
    const tree = await createTree(t.db);
    secretary = await tokenFor(t, 'secretary', tree.branchA);
  });
  afterAll(async () => t?.close());

  const digest = () => tableDigests((sql) => t.db.query(sql), { exclude: ['rate_limit_counters'] });

  const shapes: [string, () => Promise<Buffer> | Buffer, string, number, string][] = [
    ['an xlsx of 2,000,000 shared strings of 200 characters', () => sharedStringsBomb(2_000_000, 200), 'bom.xlsx', 413, 'IMPORT_ZIP_BOMB'],
    ['an xlsx holding one 400 MB cell', () => hugeCellXlsx(400_000_000), 'o.xlsx', 413, 'IMPORT_ZIP_BOMB'],
    ['an xlsx whose sheet inflates to more than its zip declares', () => lyingSizeXlsx(5_000_000), 'noi-doi.xlsx', 413, 'IMPORT_ZIP_BOMB'],
    ['an xlsx of 250,000 rows of inline strings', () => inlineRowsXlsx(250_000), 'dong.xlsx', 413, 'IMPORT_TOO_MANY_ROWS'],
    ['an xlsx of 2,100 sheets', () => manySheetsXlsx(2_100), 'to.xlsx', 422, 'IMPORT_FILE_TOO_COMPLEX'],
    ['an xlsx nested 100,000 elements deep', () => deepXmlXlsx(100_000), 'sau.xlsx', 422, 'IMPORT_FILE_TOO_COMPLEX'],
    ['an xlsx with entity expansion (billion laughs)', () => entityExpansionXlsx(), 'lol.xlsx', 422, 'IMPORT_FILE_TOO_COMPLEX'],
    ['a 20 MB CSV of "a\\n" × 10 million', () => csvManyLines(10_000_000), 'a.csv', 413, 'IMPORT_TOO_MANY_ROWS'],
    ['a 20 MB CSV of commas', () => csvCommas(20_000_000), 'phay.csv', 413, 'IMPORT_TOO_MANY_COLUMNS'],
    ['a CSV of one 20 MB line', () => csvOneLine(20_000_000), 'dong.csv', 413, 'IMPORT_CELL_TOO_LONG'],
  ];

  it.each(shapes)(
    '%s: answers its code, writes nothing, and the process still serves',
    async (_name, make, filename, status, code) => {
      const file = await make();
      expect(file.length).toBeLessThanOrEqual(20 * 1024 * 1024);
      const before = await digest();
      for (const query of ['?dryRun=true', '']) {
        const res = await t
          .http()
          .post(`/api/members/import${query}`)
          .set('Authorization', `Bearer ${secretary}`)
          .attach('file', file, filename);
        expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
        expect(res.body.message).toEqual(expect.any(String));
      }
      expect(changedTables(before, await digest())).toEqual([]);
      await t.http().get('/api/health').expect(200);
    },
    120_000,
  );
});
