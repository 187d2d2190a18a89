import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unescapeCsvCell } from '../../src/common/csv.js';
import { at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createMember, createTree, login, createUser, tokenFor } from '../factories/index.js';
import { createSurvey, signedIn } from '../factories/surveys.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * OWASP's CSV-injection payloads, and the same behind a line break (a spreadsheet starts a new
 * row, or a new line of the cell, and runs what begins it).
 */
const PAYLOADS = [
  `=cmd|' /C calc'!A0`,
  `+1+cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `\t=1+1`,
  `\r=1+1`,
  `ok\n=cmd|' /C calc'!A0`,
  `ok\r=HYPERLINK("http://evil.example","x")`,
  `ok\r\n@SUM(1+1)`,
  `\n=1+1`,
  `\r\n+1`,
  `a,"b"\n-1\n\n=2`,
];
const FORMULA_AT_LINE_START = /(?:^|[\r\n])[=+\-@\t\r]/;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const text = (res: { body: Buffer }) => res.body.toString('utf8');
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The cells of a CSV as a strict parser (and a spreadsheet) reads them. */
function cells(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** No cell, and no line inside a cell, starts with a character that makes a spreadsheet run it. */
function expectNeutralised(rows: string[][]) {
  const live = rows.flat().filter((c) => FORMULA_AT_LINE_START.test(c));
  expect(live).toEqual([]);
}

describe('CSV exports neutralise formulas at every line start of every cell (issue 13, finding 5)', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let admin: string;
  const get = (url: string) => t.http().get(url).set(auth(admin)).buffer(true).parse(binary).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  it('tests every route that answers text/csv', () => {
    const spec = JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8'));
    const csvRoutes = Object.entries(spec.paths as Record<string, Record<string, { responses?: object }>>)
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => JSON.stringify(op.responses ?? {}).includes('text/csv'))
          .map(([m]) => `${m} ${path}`),
      )
      .sort();
    expect(csvRoutes).toEqual([
      'get /api/analytics/install-rates',
      'get /api/analytics/install-rates/timeline',
      'get /api/analytics/top-content',
      'get /api/analytics/visits',
      'get /api/audit-log/export',
      'get /api/documents/export',
      'get /api/members/export',
      'get /api/news/export',
      'get /api/surveys/{id}/results/export',
      'get /api/users/export',
    ]);
  });

  it('member export: names and exemption reasons with formulas and line breaks come out quoted, neutralised, one row each', async () => {
    const branch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ CSV' });
    for (const [i, p] of PAYLOADS.entries()) {
      await createMember(t.db, branch, {
        fullName: p,
        partyCardNumber: `CSV-INJ-${i}`,
        exempted: true,
        exemptedAt: '2024-01-01',
        exemptedReason: i % 2 ? `\r${p}` : `\n${p}`,
      });
    }
    const filter = encodeURIComponent(JSON.stringify({ committeeId: branch.id }));
    const csv = text(await get(`/api/members/export?format=csv&filter=${filter}`));
    const rows = cells(csv);
    expect(rows).toHaveLength(1 + PAYLOADS.length);
    const header = rows[0];
    const names = rows.slice(1).map((r) => unescapeCsvCell(r[header.indexOf('Họ và tên')]));
    expect(names.sort()).toEqual([...PAYLOADS].sort());
    const reasons = rows.slice(1).map((r) => unescapeCsvCell(r[header.indexOf('Lý do miễn')]));
    expect(reasons.every((r) => /^[\r\n]/.test(r))).toBe(true);
    expectNeutralised(rows);
  });

  it('survey results export: free-text answers and member names with formulas and line breaks stay in their cell', async () => {
    const c = await createCommittee(t.db, { parent: tree.grassB, name: 'Chi bộ khảo sát CSV' });
    const survey = await createSurvey(t.db, c, {
      title: '=1+1 tiêu đề',
      questions: [{ type: 'long_text', required: true, text: '@Ý kiến\n=khác' }],
    });
    for (const [i, p] of PAYLOADS.entries()) {
      const member = await createMember(t.db, c, { fullName: p, partyCardNumber: `SV-INJ-${i}` });
      const { token } = await signedIn(t, 'member', c, { memberId: member.id });
      await t
        .http()
        .post(`/api/surveys/${survey.id}/responses`)
        .set(auth(token))
        .send({ answers: [{ questionId: survey.questions[0].id, text: p }] })
        .expect(201);
    }
    await t.db.query(`UPDATE surveys SET status = 'closed', closed_at = now() WHERE id = $1`, [survey.id]);
    const rows = cells(text(await get(`/api/surveys/${survey.id}/results/export?format=csv`)));
    const part = rows.findIndex((r) => r[0] === '# Câu trả lời tự luận');
    expect(part).toBeGreaterThan(0);
    const answers = rows.slice(part + 2).filter((r) => r.length > 1);
    expect(answers).toHaveLength(PAYLOADS.length);
    // answers are stored trimmed; names as they are
    expect(answers.map((r) => unescapeCsvCell(r[2])).sort()).toEqual(PAYLOADS.map((p) => p.trim()).sort());
    expect(answers.map((r) => unescapeCsvCell(r[3])).sort()).toEqual([...PAYLOADS].sort());
    expectNeutralised(rows);
  });

  it('analytics exports: committee names and document titles with formulas and line breaks are neutralised', async () => {
    const district = await createCommittee(t.db, { parent: tree.province, name: 'Huyện CSV' });
    for (const p of PAYLOADS) await createCommittee(t.db, { parent: district, name: p });
    const branch = await createCommittee(t.db, { parent: district, kind: 'branch', name: 'Chi bộ xem' });
    const member = await createMember(t.db, branch, { fullName: 'Người xem' });
    const token = (await login(t.http, await createUser(t.db, 'member', branch, { memberId: member.id }))).accessToken;
    const day = daysAgo(1);
    const events = [];
    for (const p of PAYLOADS) events.push(view('document', (await createDocument(t.db, tree.province, { title: p })).id, at(day)));
    await sendEvents(t.http, token, events).expect(202);

    const rates = cells(text(await get(`/api/analytics/install-rates?committeeId=${district.id}&format=csv`)));
    expect(rates).toHaveLength(2 + PAYLOADS.length + 1);
    expect(rates.map((r) => unescapeCsvCell(r[1]))).toEqual(expect.arrayContaining(PAYLOADS));
    expectNeutralised(rates);

    const top = cells(text(await get(`/api/analytics/top-content?committeeId=${district.id}&from=${day}&to=${day}&limit=50&format=csv`)));
    expect(top).toHaveLength(1 + PAYLOADS.length);
    expect(
      top
        .slice(1)
        .map((r) => unescapeCsvCell(r[3]))
        .sort(),
    ).toEqual([...PAYLOADS].sort());
    expectNeutralised(top);

    for (const url of [
      `/api/analytics/install-rates/timeline?committeeId=${district.id}&from=${day}&to=${day}&format=csv`,
      `/api/analytics/visits?committeeId=${district.id}&from=${day}&to=${day}&format=csv`,
    ]) {
      const rows = cells(text(await get(url)));
      expect(rows).toHaveLength(2);
      expectNeutralised(rows);
    }
  });

  it('list exports (documents, news, accounts, audit log), with either separator: texts neutralised, one row each', async () => {
    const c = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xuất danh sách' });
    for (const [i, p] of PAYLOADS.entries()) {
      await createDocument(t.db, c, { title: p, summary: `\n${p}` });
      await createNews(t.db, c, { title: p });
      await createUser(t.db, 'editor', c, { fullName: p, username: `csv.inj.${i}` });
      await t.db.query(`INSERT INTO audit_log (action, entity_type, entity_id, committee_id) VALUES ('csv.test', 'document', $1, $2)`, [
        p.slice(0, 64),
        c.id,
      ]);
    }
    const filter = (f: object) => encodeURIComponent(JSON.stringify(f));
    const lists: [string, number][] = [
      [`/api/documents/export?filter=${filter({ committeeId: c.id })}`, 1],
      [`/api/news/export?filter=${filter({ committeeId: c.id })}`, 0],
      [`/api/users/export?filter=${filter({ committeeId: c.id })}`, 1],
      [`/api/audit-log/export?filter=${filter({ committeeId: c.id, action: 'csv.test' })}`, 5],
    ];
    for (const [url, column] of lists) {
      for (const delimiter of ['comma', 'semicolon'] as const) {
        const csv = text(await get(`${url}&delimiter=${delimiter}`));
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        const rows = parse(csv, { bom: true, delimiter: delimiter === 'comma' ? ',' : ';', relax_column_count: true }) as string[][];
        expect(rows).toHaveLength(1 + PAYLOADS.length);
        expect(rows.slice(1).every((r) => r.length === rows[0].length)).toBe(true);
        expect(
          rows
            .slice(1)
            .map((r) => unescapeCsvCell(r[column]))
            .sort(),
        ).toEqual(PAYLOADS.map((p) => (column === 5 ? p.slice(0, 64) : p)).sort());
        expectNeutralised(rows);
      }
    }
  });
});
