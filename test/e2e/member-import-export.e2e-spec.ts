import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { Committee } from '../../src/committees/committee.entity.js';
import { createCommittee, createMember, createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;

const HEADER = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Số thẻ đảng',
  'Mã định danh',
  'Trạng thái',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Mã chi bộ',
];
const quote = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][], { bom = true, sep = ',' } = {}) =>
  Buffer.from((bom ? '\ufeff' : '') + rows.map((r) => r.map(quote).join(sep)).join('\r\n') + '\r\n', 'utf8');

/** Collects a download as bytes, whatever its content type. */
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('member import and export (xlsx/csv)', () => {
  let t: TestApp;
  let tree: Tree;
  let branchA2: Committee;
  let admin: string;
  let districtAdmin: string;
  let secretary: string;
  let memberToken: string;

  const countMembers = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM members'))[0].n);
  const upload = (token: string, file: Buffer, name = 'danh-sach.csv', query = '') =>
    t.http().post(`/api/members/import${query}`).set('Authorization', `Bearer ${token}`).attach('file', file, name);
  const download = (token: string, query: string) =>
    t.http().get(`/api/members/export?${query}`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);
  const row = (card: string, over: Partial<Record<(typeof HEADER)[number], string>> = {}) => {
    const base: Record<string, string> = {
      'Họ và tên': `Đảng viên ${card}`,
      'Giới tính': 'Nam',
      'Ngày sinh': '01/05/1980',
      'Số thẻ đảng': card,
      'Mã định danh': '',
      'Trạng thái': 'Chính thức',
      'Ngày vào Đảng': '02/03/2005',
      'Ngày chính thức': '02/03/2006',
      'Mã chi bộ': tree.branchA.code,
      ...over,
    };
    return HEADER.map((h) => base[h]);
  };

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_BYTES: '65536' });
    tree = await createTree(t.db);
    branchA2 = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Khuôn Ngục' });
    admin = await tokenFor(t, 'admin', null);
    districtAdmin = await tokenFor(t, 'committee_admin', tree.districtA);
    secretary = await tokenFor(t, 'secretary', tree.branchA);
    memberToken = await tokenFor(t, 'member', tree.branchA);
  });
  afterAll(async () => t?.close());

  it('imports a UTF-8 CSV with a BOM and Vietnamese headers; the same file again changes nothing', async () => {
    const file = csv([
      [
        'Họ và tên',
        'GIỚI TÍNH',
        'ngay sinh',
        'Số thẻ Đảng',
        'Mã định danh',
        'Trạng thái',
        'Ngày vào Đảng',
        'Ngày chính thức',
        'Mã chi bộ',
        'Điện thoại',
        'Email',
        'Miễn sinh hoạt',
        'Ngày miễn',
        'STT',
      ],
      [
        'Hoàng Thị Lan',
        'Nữ',
        '30/04/1975',
        'CSV-001',
        '',
        'Chính thức',
        '19/05/2000',
        '19/05/2001',
        tree.branchA.code,
        '0912 345 678',
        'Lan@Example.vn',
        'Không',
        '',
        '1',
      ],
      ['Lò Văn Páo', 'Nam', '1990-01-02', '', 'DB-CSV-1', 'Dự bị', '2024-09-02', '', tree.branchA.code, '', '', '', '', '2'],
      [
        'Đinh Văn Khoa',
        'nam',
        '2/9/1950',
        'CSV-002',
        '',
        'chinh thuc',
        '03/02/1975',
        '03/02/1976',
        tree.branchA.code,
        '912000111',
        '',
        'x',
        '01/01/2015',
        '3',
      ],
    ]);
    const before = await countMembers();
    const first = await upload(districtAdmin, file).expect(200);
    expect(first.body).toEqual({ dryRun: false, total: 3, created: 3, updated: 0, unchanged: 0, transferred: 0, errors: [] });
    expect(await countMembers()).toBe(before + 3);
    const [lan] = await t.db.query(
      `SELECT full_name, gender, birth_date::text AS birth, status, admitted_at::text AS admitted, official_at::text AS official,
              phone, email, exempted, committee_id FROM members WHERE party_card_number = 'CSV-001'`,
    );
    expect(lan).toEqual({
      full_name: 'Hoàng Thị Lan',
      gender: 'female',
      birth: '1975-04-30',
      status: 'official',
      admitted: '2000-05-19',
      official: '2001-05-19',
      phone: '0912345678',
      email: 'lan@example.vn',
      exempted: false,
      committee_id: tree.branchA.id,
    });
    const [khoa] = await t.db.query(`SELECT phone, exempted, exempted_at::text AS at FROM members WHERE party_card_number = 'CSV-002'`);
    expect(khoa).toEqual({ phone: '0912000111', exempted: true, at: '2015-01-01' });
    const [pao] = await t.db.query(`SELECT status, party_card_number FROM members WHERE external_id = 'DB-CSV-1'`);
    expect(pao).toEqual({ status: 'probationary', party_card_number: null });

    const again = await upload(districtAdmin, file).expect(200);
    expect(again.body).toMatchObject({ total: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await countMembers()).toBe(before + 3);

    const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'member.import' ORDER BY id DESC LIMIT 2`);
    expect(audit.map((a: any) => [a.details.created, a.details.unchanged])).toEqual([
      [0, 3],
      [3, 0],
    ]);
  });

  it('reads a semicolon CSV without a BOM (Excel under a Vietnamese locale), and updates by card number', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'SEMI-1', fullName: 'Vi Văn Cũ', phone: null });
    const file = csv([HEADER.concat('Điện thoại'), row('SEMI-1', { 'Họ và tên': 'Vi Văn Mới' }).concat('0987654321')], {
      bom: false,
      sep: ';',
    });
    const res = await upload(districtAdmin, file).expect(200);
    expect(res.body).toMatchObject({ total: 1, created: 0, updated: 1, unchanged: 0 });
    const [m] = await t.db.query(`SELECT full_name, phone FROM members WHERE party_card_number = 'SEMI-1'`);
    expect(m).toEqual({ full_name: 'Vi Văn Mới', phone: '0987654321' });
  });

  it('imports an xlsx workbook with English headers, real dates and a title row above the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH ĐẢNG VIÊN CHI BỘ']);
    ws.addRow(['fullName', 'gender', 'birthDate', 'partyCardNumber', 'status', 'admittedAt', 'officialAt', 'committee', 'phone']);
    ws.addRow([
      'Trần Văn Xuân',
      'male',
      new Date(Date.UTC(1970, 0, 15)),
      'XLSX-001',
      'official',
      new Date(Date.UTC(1995, 5, 1)),
      new Date(Date.UTC(1996, 5, 1)),
      tree.branchA.code,
      912345678,
    ]);
    ws.addRow([
      'Phạm Thị Thu',
      'female',
      new Date(Date.UTC(1985, 11, 31)),
      'XLSX-002',
      'official',
      '01/06/2010',
      '2011-06-01',
      tree.branchA.code,
      '0988000111',
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await countMembers();
    const res = await upload(districtAdmin, file, 'danh-sach.xlsx').expect(200);
    expect(res.body).toMatchObject({ total: 2, created: 2, updated: 0, unchanged: 0 });
    expect(await countMembers()).toBe(before + 2);
    const [x] = await t.db.query(
      `SELECT birth_date::text AS b, admitted_at::text AS a, phone FROM members WHERE party_card_number = 'XLSX-001'`,
    );
    expect(x).toEqual({ b: '1970-01-15', a: '1995-06-01', phone: '0912345678' });
    const [y] = await t.db.query(`SELECT birth_date::text AS b, admitted_at::text AS a FROM members WHERE party_card_number = 'XLSX-002'`);
    expect(y).toEqual({ b: '1985-12-31', a: '2010-06-01' });
  });

  it('on a dry run reports the counts and writes nothing', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'DRY-1' });
    const file = csv([HEADER, row('DRY-1', { 'Họ và tên': 'Tên mới' }), row('DRY-2'), row('DRY-3')]);
    const before = await countMembers();
    const res = await upload(districtAdmin, file, 'thu.csv', '?dryRun=true').expect(200);
    expect(res.body).toEqual({ dryRun: true, total: 3, created: 2, updated: 1, unchanged: 0, transferred: 0, errors: [] });
    expect(await countMembers()).toBe(before);
    const [m] = await t.db.query(`SELECT full_name FROM members WHERE party_card_number = 'DRY-1'`);
    expect(m.full_name).toBe('Nguyễn Văn An');
  });

  it('rejects the whole file when rows are bad, lists every bad row by row and column, and writes nothing', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'BAD-0', fullName: 'Không đổi' });
    const file = csv([
      HEADER,
      row('BAD-0', { 'Họ và tên': 'Đã đổi' }),
      row('BAD-1'),
      row('BAD-2', { 'Ngày sinh': '31/02/1980' }),
      row('BAD-3', { 'Mã chi bộ': 'KHONG-CO' }),
      row('BAD-4', { 'Trạng thái': 'Dự bị', 'Ngày chính thức': '' }),
      row('BAD-5', { 'Giới tính': 'X', 'Ngày vào Đảng': '2005/03/02' }),
    ]);
    const before = await countMembers();
    const res = await upload(districtAdmin, file).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'IMPORT_INVALID', requestId: expect.any(String) });
    expect(res.body.message).toMatch(/nothing was imported/);
    expect(res.body.rows).toEqual([
      { row: 4, column: 'Ngày sinh', code: 'DATE_NOT_REAL', message: 'birthDate is not a real date', params: { value: '1980-02-31' } },
      { row: 5, column: 'Mã chi bộ', code: 'COMMITTEE_NOT_FOUND', message: 'no committee with this code in your scope' },
      { row: 6, column: 'Số thẻ đảng', code: 'PARTY_CARD_PROBATIONARY', message: 'the party card is issued to full members only' },
      { row: 7, column: 'Giới tính', code: 'GENDER_VALUE', message: 'expected Nam or Nữ (male or female)' },
      { row: 7, column: 'Ngày vào Đảng', code: 'DATE_FORMAT', message: 'expected a date DD/MM/YYYY or YYYY-MM-DD' },
    ]);
    expect(await countMembers()).toBe(before);
    const [m] = await t.db.query(`SELECT full_name FROM members WHERE party_card_number = 'BAD-0'`);
    expect(m.full_name).toBe('Không đổi');
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'member.import' ORDER BY id DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ rejected: true, problems: 5, total: 6 });
  });

  it('lists every problem of a row in one check, each with its code (no second check to find the next one)', async () => {
    // the outside review's row (issue 19, item 2): a bad gender, phone, e-mail and 31/02, and a full member without Ngày chính thức
    const file = csv([
      [...HEADER, 'Điện thoại', 'Email'],
      [...row('ALL-1', { 'Giới tính': 'Không rõ', 'Ngày sinh': '31/02/1990', 'Ngày chính thức': '' }), '12345', 'khong-phai-email'],
    ]);
    const before = await countMembers();
    const res = await upload(districtAdmin, file).expect(422);
    const byColumn = Object.fromEntries((res.body.rows as { column: string; code: string }[]).map((p) => [p.column, p.code]));
    expect(byColumn).toEqual({
      'Giới tính': 'GENDER_VALUE',
      'Ngày sinh': 'DATE_NOT_REAL',
      'Ngày chính thức': 'OFFICIAL_DATE_MISSING',
      'Điện thoại': 'PHONE_FORMAT',
      Email: 'EMAIL_FORMAT',
    });
    expect(res.body.rows.every((p: { row: number }) => p.row === 2)).toBe(true);
    expect(await countMembers()).toBe(before);
  });

  it("never touches a member outside the caller's scope, and answers their number like a free one", async () => {
    // before the outside review (issue 13, finding 2) this row answered 422 'this member is not in your scope': an oracle
    const outside = await createMember(t.db, tree.branchB, { partyCardNumber: 'OUT-1', fullName: 'Ở huyện khác' });
    const file = csv([HEADER, row('OUT-OK'), row('OUT-1', { 'Họ và tên': 'Chiếm' })]);
    const before = await countMembers();
    const res = await upload(districtAdmin, file).expect(200);
    expect(res.body).toMatchObject({ total: 2, created: 2, updated: 0, errors: [] });
    expect(await countMembers()).toBe(before + 2);
    const [m] = await t.db.query(`SELECT full_name, committee_id, party_card_number FROM members WHERE id = $1`, [outside.id]);
    expect(m).toEqual({ full_name: 'Ở huyện khác', committee_id: tree.branchB.id, party_card_number: 'OUT-1' });
    // the new record waits for the province (the lowest committee covering both) to verify the number
    const [created] = await t.db.query(
      `SELECT committee_id, party_card_number, pending_party_card_number FROM members WHERE full_name = 'Chiếm'`,
    );
    expect(created).toEqual({ committee_id: tree.branchA.id, party_card_number: null, pending_party_card_number: 'OUT-1' });
    const conflicts = await t.db.query(`SELECT committee_id, value FROM member_identity_conflicts WHERE holder_id = $1`, [outside.id]);
    expect(conflicts).toEqual([{ committee_id: tree.province.id, value: 'OUT-1' }]);
    // a branch of the other district is not the caller's either
    const other = await upload(districtAdmin, csv([HEADER, row('OUT-2', { 'Mã chi bộ': tree.branchB.code })])).expect(422);
    expect(other.body.rows).toEqual([
      { row: 2, column: 'Mã chi bộ', code: 'COMMITTEE_NOT_FOUND', message: 'no committee with this code in your scope' },
    ]);
  });

  it('treats the same card number or external id twice in a file as an error', async () => {
    const file = csv([
      HEADER,
      row('DUP-1'),
      row('DUP-1', { 'Họ và tên': 'Người khác' }),
      row('', { 'Trạng thái': 'Dự bị', 'Ngày chính thức': '', 'Mã định danh': 'EXT-DUP' }),
      row('', { 'Trạng thái': 'Dự bị', 'Ngày chính thức': '', 'Mã định danh': 'EXT-DUP' }),
    ]);
    const before = await countMembers();
    const res = await upload(districtAdmin, file).expect(422);
    expect(res.body.rows).toEqual([
      { row: 3, column: 'Số thẻ đảng', code: 'DUPLICATE_IN_FILE', message: 'the same party card number as row 2', params: { row: 2 } },
      { row: 5, column: 'Mã định danh', code: 'DUPLICATE_IN_FILE', message: 'the same external id as row 4', params: { row: 4 } },
    ]);
    expect(await countMembers()).toBe(before);
  });

  it('transfers a member whose branch code changes, with a history row and an audit line', async () => {
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'MOVE-1' });
    const res = await upload(districtAdmin, csv([HEADER, row('MOVE-1', { 'Họ và tên': m.fullName, 'Mã chi bộ': branchA2.code })])).expect(
      200,
    );
    expect(res.body).toMatchObject({ updated: 1, transferred: 1, created: 0 });
    const transfers = await t.db.query(`SELECT from_committee_id, to_committee_id, kind FROM member_transfers WHERE member_id = $1`, [
      m.id,
    ]);
    expect(transfers).toEqual([{ from_committee_id: tree.branchA.id, to_committee_id: branchA2.id, kind: 'official' }]);
    const audit = await t.db.query(`SELECT committee_id FROM audit_log WHERE action = 'member.transfer' AND entity_id = $1`, [m.id]);
    expect(audit).toEqual([{ committee_id: branchA2.id }]);
  });

  it('exports the filtered list as CSV (BOM, Vietnamese headers) that re-imports as all unchanged', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'EXP-1', phone: '+84912345678', exemptedReason: null });
    await createMember(t.db, tree.branchA, {
      partyCardNumber: null,
      externalId: 'EXP-PROB',
      status: 'probationary',
      officialAt: null,
      admittedAt: '2024-01-02',
      birthDate: '1999-09-09',
    });
    const res = await download(districtAdmin, `format=csv&filter=${encodeURIComponent('{"status":"official"}')}`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dang-vien-\d{8}\.csv"$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Họ và tên,Giới tính,Ngày sinh,Số thẻ đảng,Mã định danh,Trạng thái,Ngày vào Đảng,Ngày chính thức,Miễn sinh hoạt,Ngày miễn,Lý do miễn,' +
        'Điện thoại,Email,Mã chi bộ,Tên chi bộ,Lý do chưa cài,Mã hệ thống',
    );
    const official = Number(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM members m JOIN committees c ON c.id = m.committee_id
          WHERE c.path <@ CAST($1 AS ltree) AND m.status = 'official' AND m.end_state IS NULL`,
          [tree.districtA.path],
        )
      )[0].n,
    );
    expect(lines).toHaveLength(official + 1);
    expect(lines.some((l) => l.includes('EXP-PROB'))).toBe(false);
    expect(lines.find((l) => l.includes('EXP-1'))).toMatch(
      /^Nguyễn Văn An,Nam,01\/05\/1980,EXP-1,,Chính thức,02\/03\/2005,02\/03\/2006,Không,,,'\+84912345678,/,
    );

    const again = await upload(districtAdmin, body, 'dang-vien.csv').expect(200);
    expect(again.body).toMatchObject({ total: official, created: 0, updated: 0, unchanged: official });
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ format: 'csv', filter: '{"status":"official"}', count: official });
  });

  it('exports xlsx with real dates, which re-imports unchanged, probationary members included', async () => {
    const res = await download(districtAdmin, 'format=xlsx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dang-vien-\d{8}\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([res.body as Buffer]));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('Họ và tên');
    const cardCol = 4;
    let found = false;
    ws.eachRow((r, n) => {
      if (n > 1 && r.getCell(cardCol).value === 'EXP-1') {
        found = true;
        expect(r.getCell(3).value).toEqual(new Date(Date.UTC(1980, 4, 1)));
      }
    });
    expect(found).toBe(true);
    const again = await upload(districtAdmin, res.body as Buffer, 'dang-vien.xlsx').expect(200);
    expect(again.body.total).toBeGreaterThan(1);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: again.body.total });
  });

  it('matches an exported row by its system id, so a corrected card number updates rather than duplicates', async () => {
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'TYPO-1', fullName: 'Sửa số thẻ' });
    const res = await download(admin, `format=csv&filter=${encodeURIComponent(JSON.stringify({ id: [m.id] }))}`).expect(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text).toContain(`,${m.id}\r\n`);
    const before = await countMembers();
    const fixed = await upload(admin, Buffer.from(text.replace(',TYPO-1,', ',TYPO-11,'), 'utf8')).expect(200);
    expect(fixed.body).toMatchObject({ total: 1, created: 0, updated: 1 });
    expect(await countMembers()).toBe(before);
    const [row] = await t.db.query(`SELECT party_card_number FROM members WHERE id = $1`, [m.id]);
    expect(row.party_card_number).toBe('TYPO-11');
    // an id from elsewhere (or made up) matches nothing the caller may see
    const stranger = await createMember(t.db, tree.branchB, { partyCardNumber: 'TYPO-B' });
    const forged = await upload(
      districtAdmin,
      Buffer.from(text.replace(m.id, stranger.id).replace(',TYPO-1,', ',TYPO-12,'), 'utf8'),
    ).expect(422);
    expect(forged.body.rows).toEqual([
      { row: 2, column: 'Mã hệ thống', code: 'MEMBER_NOT_FOUND', message: 'no member with this id in your scope' },
    ]);
  });

  it('leaves members who left the register alone: unchanged rows pass, changes are refused', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'LEFT-1', endState: 'resigned', endedAt: '2020-01-01' });
    const same = await upload(districtAdmin, csv([HEADER, row('LEFT-1', { 'Họ và tên': 'Nguyễn Văn An' })])).expect(200);
    expect(same.body).toMatchObject({ unchanged: 1, updated: 0 });
    const changed = await upload(districtAdmin, csv([HEADER, row('LEFT-1', { 'Họ và tên': 'Tên khác' })])).expect(422);
    expect(changed.body.rows).toEqual([
      {
        row: 2,
        column: 'Số thẻ đảng',
        code: 'MEMBER_HAS_LEFT',
        message: 'this member has left the register; bring them back in the dashboard first',
      },
    ]);
  });

  it('refuses a row whose card number and external id belong to two different members', async () => {
    await createMember(t.db, tree.branchA, { partyCardNumber: 'TWO-1' });
    await createMember(t.db, tree.branchA, { partyCardNumber: 'TWO-2', externalId: 'TWO-EXT' });
    const res = await upload(districtAdmin, csv([HEADER, row('TWO-1', { 'Mã định danh': 'TWO-EXT' })])).expect(422);
    expect(res.body.rows).toEqual([
      { row: 2, column: 'Mã định danh', code: 'EXTERNAL_ID_TAKEN_BY_OTHER', message: 'another member already has this external id' },
    ]);
  });

  it("checks the export's filter and sort like the list does", async () => {
    const sort = encodeURIComponent('["fullName","DESC"]');
    const file = await download(admin, `format=csv&sort=${sort}`).expect(200);
    const exported = (file.body as Buffer)
      .toString('utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',').pop());
    const list = await t.http().get(`/api/members?sort=${sort}&range=[0,499]`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(exported).toEqual(list.body.map((m: { id: string }) => m.id));
    const bad = await download(admin, `format=csv&filter=${encodeURIComponent('{"colour":"red"}')}`).expect(400);
    expect(JSON.parse((bad.body as Buffer).toString('utf8')).code).toBe('INVALID_LIST_QUERY');
  });

  it("offers an xlsx template: the header row, an example row in the caller's branch that passes a check, a sheet explaining each column", async () => {
    const res = await t
      .http()
      .get('/api/members/import-template')
      .set('Authorization', `Bearer ${secretary}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="mau-nhap-dang-vien.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.body as Buffer).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Đảng viên', 'Hướng dẫn']);
    const data = wb.getWorksheet('Đảng viên')!;
    const headers = (data.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh']);
    expect(headers).toContain('Ngày chính thức');
    const example = Object.fromEntries(headers.map((h, i) => [h, data.getRow(2).getCell(i + 1).value]));
    expect(example['Mã chi bộ']).toBe(tree.branchA.code);
    expect(data.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Nam,Nữ"'] });
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const lines = new Map<string, unknown[]>();
    guide.eachRow(
      (r, n) =>
        n > 1 && typeof r.getCell(1).value === 'string' && lines.set(r.getCell(1).value as string, (r.values as unknown[]).slice(1)),
    );
    for (const h of headers) expect(lines.get(h as string)?.[2]).toEqual(expect.any(String));
    expect(lines.get('Ngày chính thức')?.[2]).toMatch(/bắt buộc với Đảng viên chính thức/);
    expect(lines.get('Họ và tên')?.[1]).toBe('Bắt buộc');

    // the template as downloaded passes a check (dry run) and would add its example member
    const check = await upload(secretary, res.body as Buffer, 'mau.xlsx', '?dryRun=true').expect(200);
    expect(check.body).toMatchObject({ dryRun: true, total: 1, created: 1 });
    // a district admin (no branch of their own) gets a placeholder branch code
    const district = await t
      .http()
      .get('/api/members/import-template')
      .set('Authorization', `Bearer ${districtAdmin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(new Uint8Array(district.body as Buffer).buffer);
    expect(
      wb2
        .getWorksheet('Đảng viên')!
        .getRow(2)
        .getCell(headers.indexOf('Mã chi bộ') + 1).value,
    ).toBe('CB-001');
    // members have no business with it
    await t.http().get('/api/members/import-template').set('Authorization', `Bearer ${memberToken}`).expect(403);
  });

  it('gives a secretary only their own branch', async () => {
    await createMember(t.db, tree.branchB, { partyCardNumber: 'SEC-B' });
    await createMember(t.db, branchA2, { partyCardNumber: 'SEC-A2' });
    const res = await download(secretary, 'format=csv').expect(200);
    const lines = (res.body as Buffer).toString('utf8').slice(1).trim().split('\r\n').slice(1);
    const mine = Number(
      (await t.db.query(`SELECT count(*)::int AS n FROM members WHERE committee_id = $1 AND end_state IS NULL`, [tree.branchA.id]))[0].n,
    );
    expect(lines).toHaveLength(mine);
    expect(lines.every((l) => l.includes(`,${tree.branchA.code},`))).toBe(true);
    // and cannot import into another branch
    const into = await upload(secretary, csv([HEADER, row('SEC-NEW', { 'Mã chi bộ': branchA2.code })])).expect(422);
    expect(into.body.rows).toEqual([
      { row: 2, column: 'Mã chi bộ', code: 'COMMITTEE_NOT_FOUND', message: 'no committee with this code in your scope' },
    ]);
  });

  it('answers 403 to a member and 401 without a token', async () => {
    await upload(memberToken, csv([HEADER, row('MEM-1')])).expect(403);
    await download(memberToken, 'format=csv').expect(403);
    await t.http().get('/api/members/export').expect(401);
  });

  it('refuses files that are not a workbook or UTF-8 CSV, empty files, big files and other bodies', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await upload(admin, png, 'anh.csv').expect(415)).body.code).toBe('IMPORT_UNSUPPORTED_FILE');
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100)]);
    expect((await upload(admin, xls, 'cu.xls').expect(415)).body.message).toMatch(/\.xls/);
    const latin1 = Buffer.from('Họ và tên,Ngày sinh\r\nNguyễn,01/01/1980\r\n', 'latin1');
    expect((await upload(admin, Buffer.from([...latin1, 0xff]), 'ansi.csv').expect(415)).body.code).toBe('IMPORT_UNSUPPORTED_FILE');
    const fakeZip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);
    expect((await upload(admin, fakeZip, 'hong.xlsx').expect(415)).body.code).toBe('IMPORT_UNSUPPORTED_FILE');
    expect((await upload(admin, Buffer.alloc(0), 'rong.csv').expect(400)).body.code).toBe('IMPORT_EMPTY');
    expect((await upload(admin, csv([HEADER]), 'tieu-de.csv').expect(400)).body.code).toBe('IMPORT_EMPTY');
    const unknown = await upload(admin, csv([[...HEADER, 'Quê quán'], row('UNK-1').concat('Thái Nguyên')])).expect(422);
    expect(unknown.body.rows).toEqual([
      {
        row: 1,
        column: 'Quê quán',
        code: 'UNKNOWN_COLUMN',
        message: expect.stringMatching(/^unknown column; accepted: Họ và tên/),
        params: expect.any(Object),
      },
    ]);
    const big = csv([HEADER, ...Array.from({ length: 1200 }, (_, i) => row(`BIG-${i}`))]);
    expect(big.length).toBeGreaterThan(65536);
    const tooBig = await upload(admin, big).expect(413);
    expect(tooBig.body.code).toBe('IMPORT_TOO_LARGE');
    const json = await t.http().post('/api/members/import').set('Authorization', `Bearer ${admin}`).send({ file: 'x' }).expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const wrongField = await t
      .http()
      .post('/api/members/import')
      .set('Authorization', `Bearer ${admin}`)
      .attach('upload', csv([HEADER, row('F-1')]), 'a.csv');
    expect(wrongField.status).toBe(400);
    await t
      .http()
      .post('/api/members/import?dryRun=maybe')
      .set('Authorization', `Bearer ${admin}`)
      .attach('file', csv([HEADER, row('F-2')]), 'a.csv')
      .expect(400);
    await download(admin, 'format=pdf').expect(400);
    await download(admin, 'format=csv&range=[0,9]').expect(400);
  });
});
