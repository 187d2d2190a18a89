import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createCommittee, createMember, createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMES = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
/** An answer as bytes, with ids, times and the compared values replaced: what must be identical. */
const normal = (res: { status: number; headers: Record<string, any>; body: unknown; text?: string }, values: string[]) => {
  let text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? JSON.stringify(res.body));
  for (const v of values) text = text.split(v).join('<VALUE>');
  text = text
    .replace(UUIDS, '<ID>')
    .replace(TIMES, '<TIME>')
    .replace(/"requestId":"[^"]*"/g, '"requestId":"<RID>"')
    .replace(/"id":\d+/g, '"id":<N>');
  return { status: res.status, type: res.headers['content-type'], range: res.headers['content-range'] ?? null, text };
};

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
const csv = (rows: string[][]) => Buffer.from('\ufeff' + [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

describe("identity numbers held outside the caller's scope (no membership oracle)", () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let branchA2: Committee;
  let admin: string;
  let provinceAdmin: string;
  let grassAdminA: string;
  let districtAdminB: string;
  let secretary: string;
  /** Held outside the secretary's branch: in another district (LCA: the province) and in a sibling branch (LCA: grassA). */
  let farHolder: Member;
  let farHolder2: Member;
  let nearHolder: Member;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const body = (card: string, ext: string) => ({
    fullName: 'Hoàng Thị Lan',
    gender: 'female',
    birthDate: '1990-02-14',
    status: 'official',
    admittedAt: '2015-05-19',
    officialAt: '2016-05-19',
    partyCardNumber: card,
    externalId: ext,
    committeeId: tree.branchA.id,
  });
  const sameName = () => createMember(t.db, tree.branchA, { fullName: 'Đỗ Văn Bằng', partyCardNumber: null });

  /** Every later read the secretary can make of a record, normalised. */
  const reads = async (id: string, card: string, ext: string) => [
    normal(await t.http().get(`/api/members/${id}`).set(auth(secretary)), [card, ext]),
    normal(
      await t
        .http()
        .get(`/api/members?filter=${enc({ q: card })}`)
        .set(auth(secretary)),
      [card, ext],
    ),
    normal(
      await t
        .http()
        .get(`/api/members?filter=${enc({ id: [id] })}`)
        .set(auth(secretary)),
      [card, ext],
    ),
    normal(
      await t
        .http()
        .get(`/api/members/export?format=csv&filter=${enc({ id: [id] })}`)
        .set(auth(secretary))
        .buffer(true)
        .parse(binary),
      [card, ext],
    ),
  ];
  const conflictsFor = async (token: string) =>
    (
      await t
        .http()
        .get(`/api/member-identity-conflicts?filter=${enc({ status: 'pending' })}`)
        .set(auth(token))
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    branchA2 = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Khuôn Ngục' });
    admin = await tokenFor(t, 'admin', null);
    provinceAdmin = await tokenFor(t, 'committee_admin', tree.province);
    grassAdminA = await tokenFor(t, 'committee_admin', tree.grassA);
    districtAdminB = await tokenFor(t, 'committee_admin', tree.districtB);
    secretary = await tokenFor(t, 'secretary', tree.branchA);
    farHolder = await createMember(t.db, tree.branchB, {
      fullName: 'Người huyện khác',
      partyCardNumber: 'TN-FAR-1',
      externalId: 'CCCD-FAR-1',
    });
    farHolder2 = await createMember(t.db, tree.branchB, {
      fullName: 'Người huyện khác 2',
      partyCardNumber: 'TN-FAR-2',
      externalId: 'CCCD-FAR-2',
    });
    nearHolder = await createMember(t.db, branchA2, {
      fullName: 'Người chi bộ bên',
      partyCardNumber: 'TN-NEAR-1',
      externalId: 'CCCD-NEAR-1',
    });
  });
  afterAll(async () => t?.close());

  it('PUT /api/members answers a number held in another district exactly like an unused one, and later reads agree', async () => {
    const [a, b] = [await sameName(), await sameName()];
    const held = await t
      .http()
      .put(`/api/members/${a.id}`)
      .set(auth(secretary))
      .send({ partyCardNumber: 'TN-FAR-1', externalId: 'CCCD-FAR-1' });
    const free = await t
      .http()
      .put(`/api/members/${b.id}`)
      .set(auth(secretary))
      .send({ partyCardNumber: 'TN-FREE-1', externalId: 'CCCD-FREE-1' });
    expect(held.status).toBe(200);
    expect(normal(held, ['TN-FAR-1', 'CCCD-FAR-1'])).toEqual(normal(free, ['TN-FREE-1', 'CCCD-FREE-1']));
    expect(held.body).toMatchObject({ partyCardNumber: 'TN-FAR-1', externalId: 'CCCD-FAR-1' });
    expect(await reads(a.id, 'TN-FAR-1', 'CCCD-FAR-1')).toEqual(await reads(b.id, 'TN-FREE-1', 'CCCD-FREE-1'));
    // the audit line of the write reads the same too (staff of the branch's tree can read it)
    const audit = async (id: string, values: string[]) =>
      normal(
        await t
          .http()
          .get(`/api/audit-log?filter=${enc({ entityId: id })}`)
          .set(auth(grassAdminA)),
        values,
      );
    expect(await audit(a.id, ['TN-FAR-1', 'CCCD-FAR-1'])).toEqual(await audit(b.id, ['TN-FREE-1', 'CCCD-FREE-1']));
  });

  it('POST /api/members answers a number held in another district exactly like an unused one, and later reads agree', async () => {
    const held = await t.http().post('/api/members').set(auth(secretary)).send(body('TN-FAR-2', 'CCCD-FAR-2'));
    const free = await t.http().post('/api/members').set(auth(secretary)).send(body('TN-FREE-2', 'CCCD-FREE-2'));
    expect(held.status).toBe(201);
    expect(normal(held, ['TN-FAR-2', 'CCCD-FAR-2'])).toEqual(normal(free, ['TN-FREE-2', 'CCCD-FREE-2']));
    expect(await reads(held.body.id, 'TN-FAR-2', 'CCCD-FAR-2')).toEqual(await reads(free.body.id, 'TN-FREE-2', 'CCCD-FREE-2'));
  });

  it('does the same database work either way: the same statements in the same order (no timing difference by design)', async () => {
    const statements: string[] = [];
    const original = t.db.createQueryRunner.bind(t.db);
    t.db.createQueryRunner = ((mode?: 'master' | 'slave') => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql.replace(/\s+/g, ' '));
        return (query as any)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    }) as typeof t.db.createQueryRunner;
    const traced = async (send: () => Promise<unknown>) => {
      statements.length = 0;
      await send();
      return [...statements];
    };
    try {
      const [a, b] = [await sameName(), await sameName()];
      await createMember(t.db, tree.branchB, { partyCardNumber: 'TN-FAR-T', externalId: 'CCCD-FAR-T' });
      const held = await traced(() =>
        t
          .http()
          .put(`/api/members/${a.id}`)
          .set(auth(secretary))
          .send({ partyCardNumber: 'TN-FAR-T', externalId: 'CCCD-FAR-T' })
          .expect(200),
      );
      const free = await traced(() =>
        t
          .http()
          .put(`/api/members/${b.id}`)
          .set(auth(secretary))
          .send({ partyCardNumber: 'TN-FREE-T', externalId: 'CCCD-FREE-T' })
          .expect(200),
      );
      expect(held.length).toBeGreaterThan(5);
      expect(held).toEqual(free);
      const holder2 = await createMember(t.db, tree.branchB, { partyCardNumber: 'TN-FAR-T2', externalId: 'CCCD-FAR-T2' });
      const created = await traced(() =>
        t.http().post('/api/members').set(auth(secretary)).send(body(holder2.partyCardNumber!, 'CCCD-FAR-T2')).expect(201),
      );
      const createdFree = await traced(() =>
        t.http().post('/api/members').set(auth(secretary)).send(body('TN-FREE-T2', 'CCCD-FREE-T2')).expect(201),
      );
      expect(created).toEqual(createdFree);
    } finally {
      t.db.createQueryRunner = original;
    }
  });

  it("keeps answering 409 for a number held inside the caller's scope (PUT, POST), pending or not", async () => {
    const a = await sameName();
    const put = await t.http().put(`/api/members/${a.id}`).set(auth(secretary)).send({ partyCardNumber: 'TN-FREE-1' }).expect(409);
    expect(put.body.code).toBe('PARTY_CARD_TAKEN');
    // TN-FAR-1 now waits on a record of the secretary's own branch: taken, as TN-FREE-1 is
    const pending = await t.http().put(`/api/members/${a.id}`).set(auth(secretary)).send({ partyCardNumber: 'TN-FAR-1' }).expect(409);
    expect(normal(pending, ['TN-FAR-1'])).toEqual(normal(put, ['TN-FREE-1']));
    const post = await t.http().post('/api/members').set(auth(secretary)).send(body('TN-X-9', 'CCCD-FREE-2')).expect(409);
    expect(post.body.code).toBe('EXTERNAL_ID_TAKEN');
  });

  it('the import dry run and the real import answer a file of numbers held elsewhere like a file of unused ones', async () => {
    const file = (card: string, ext: string) =>
      csv([['Phạm Thị Hoa', 'Nữ', '01/05/1980', card, ext, 'Chính thức', '02/03/2005', '02/03/2006', tree.branchA.code]]);
    const run = (card: string, ext: string, query: string) =>
      t.http().post(`/api/members/import${query}`).set(auth(secretary)).attach('file', file(card, ext), 'danh-sach.csv');
    for (const query of ['?dryRun=true', '']) {
      const held = await run('TN-NEAR-1', 'CCCD-NEAR-1', query);
      const free = await run(`TN-FREE-3${query ? 'd' : 'r'}`, `CCCD-FREE-3${query ? 'd' : 'r'}`, query);
      expect(held.status).toBe(200);
      expect(normal(held, ['TN-NEAR-1', 'CCCD-NEAR-1'])).toEqual(
        normal(free, [`TN-FREE-3${query ? 'd' : 'r'}`, `CCCD-FREE-3${query ? 'd' : 'r'}`]),
      );
    }
    const [imported] = await t.db.query(`SELECT id FROM members WHERE pending_party_card_number = 'TN-NEAR-1'`);
    const [free] = await t.db.query(`SELECT id FROM members WHERE party_card_number = 'TN-FREE-3r'`);
    expect(await reads(imported.id, 'TN-NEAR-1', 'CCCD-NEAR-1')).toEqual(await reads(free.id, 'TN-FREE-3r', 'CCCD-FREE-3r'));
    // a number held in the caller's own branch is still a row problem
    const own = await run('TN-FREE-3r', 'CCCD-NEW-4', '?dryRun=true');
    expect(own.status).toBe(200); // the same number matches that member: an update of it
    const clash = await t
      .http()
      .post('/api/members/import?dryRun=true')
      .set(auth(secretary))
      .attach(
        'file',
        csv([
          ['Phạm Thị Hoa', 'Nữ', '01/05/1980', 'TN-FREE-3r', 'CCCD-FREE-1', 'Chính thức', '02/03/2005', '02/03/2006', tree.branchA.code],
        ]),
        'a.csv',
      );
    expect(clash.status).toBe(422);
    expect(clash.body.rows).toEqual([
      { row: 2, column: 'Mã định danh', code: 'EXTERNAL_ID_TAKEN_BY_OTHER', message: 'another member already has this external id' },
    ]);
  });

  it('keeps uniqueness in the database: each number is held once, the others wait', async () => {
    const held = await t.db.query(
      `SELECT party_card_number AS v, count(*)::int AS n FROM members WHERE party_card_number IN ('TN-FAR-1','TN-NEAR-1') GROUP BY 1 ORDER BY 1`,
    );
    expect(held).toEqual([
      { v: 'TN-FAR-1', n: 1 },
      { v: 'TN-NEAR-1', n: 1 },
    ]);
    await expect(t.db.query(`UPDATE members SET party_card_number = 'TN-FAR-1' WHERE id = $1`, [nearHolder.id])).rejects.toThrow(
      /unique|duplicate/i,
    );
  });

  it('holds each collision for the lowest committee covering both records, audited with the values, never for the writer', async () => {
    const province = await conflictsFor(provinceAdmin);
    const far = province.filter((c: any) => [farHolder.id, farHolder2.id].includes(c.holder?.id));
    expect(far.map((c: any) => [c.field, c.value, c.committeeId]).sort()).toEqual([
      ['externalId', 'CCCD-FAR-1', tree.province.id],
      ['externalId', 'CCCD-FAR-2', tree.province.id],
      ['partyCardNumber', 'TN-FAR-1', tree.province.id],
      ['partyCardNumber', 'TN-FAR-2', tree.province.id],
    ]);
    const grass = await conflictsFor(grassAdminA);
    expect(grass.map((c: any) => [c.field, c.value, c.committeeId, c.holder.id]).sort()).toEqual([
      ['externalId', 'CCCD-NEAR-1', tree.grassA.id, nearHolder.id],
      ['partyCardNumber', 'TN-NEAR-1', tree.grassA.id, nearHolder.id],
    ]);
    expect(await conflictsFor(districtAdminB)).toEqual([]);
    await t.http().get('/api/member-identity-conflicts').set(auth(secretary)).expect(403);
    const log = await t
      .http()
      .get(`/api/audit-log?filter=${enc({ action: 'member.identity_conflict' })}`)
      .set(auth(provinceAdmin))
      .expect(200);
    expect(
      log.body
        .map((l: any) => l.details.value)
        .filter((v: string) => !v.endsWith('-T') && !v.endsWith('-T2'))
        .sort(),
    ).toEqual(['CCCD-FAR-1', 'CCCD-FAR-2', 'CCCD-NEAR-1', 'TN-FAR-1', 'TN-FAR-2', 'TN-NEAR-1']);
    const own = await t
      .http()
      .get(`/api/audit-log?filter=${enc({ action: 'member.identity_conflict' })}`)
      .set(auth(grassAdminA))
      .expect(200);
    expect(own.body.every((l: any) => l.committeeId === tree.grassA.id)).toBe(true);
  });

  it('resolves: keep_existing clears the typo from the new record, keep_new moves the number, same_person keeps one record; each audited', async () => {
    const pending = await conflictsFor(provinceAdmin);
    const card = ['TN-FAR-1', 'TN-FAR-2'].map((v) => pending.find((c: any) => c.field === 'partyCardNumber' && c.value === v));
    // keep_existing: the new record loses the number, the holder keeps it
    const first = await t
      .http()
      .post(`/api/member-identity-conflicts/${card[0].id}/resolve`)
      .set(auth(provinceAdmin))
      .send({ outcome: 'keep_existing', note: 'gõ nhầm' })
      .expect(200);
    expect(first.body).toMatchObject({ status: 'resolved', outcome: 'keep_existing' });
    expect((await t.http().get(`/api/members/${card[0].member.id}`).set(auth(secretary)).expect(200)).body.partyCardNumber).toBeNull();
    await t
      .http()
      .post(`/api/member-identity-conflicts/${card[0].id}/resolve`)
      .set(auth(provinceAdmin))
      .send({ outcome: 'keep_new' })
      .expect(409);
    // a committee below the conflict's cannot see or resolve it
    await t
      .http()
      .post(`/api/member-identity-conflicts/${card[1].id}/resolve`)
      .set(auth(districtAdminB))
      .send({ outcome: 'keep_new' })
      .expect(404);
    // keep_new: the holder in the other district loses it; the new record holds it in the unique column
    await t
      .http()
      .post(`/api/member-identity-conflicts/${card[1].id}/resolve`)
      .set(auth(provinceAdmin))
      .send({ outcome: 'keep_new' })
      .expect(200);
    const [row] = await t.db.query(`SELECT party_card_number, pending_party_card_number FROM members WHERE id = $1`, [card[1].member.id]);
    expect(row).toEqual({ party_card_number: 'TN-FAR-2', pending_party_card_number: null });
    expect((await t.http().get(`/api/members/${farHolder2.id}`).set(auth(admin)).expect(200)).body.partyCardNumber).toBeNull();
    // same_person: the holder (sibling branch) moves to the secretary's branch; the duplicate is withdrawn
    const near = (await conflictsFor(grassAdminA)).find((c: any) => c.field === 'partyCardNumber');
    await t
      .http()
      .post(`/api/member-identity-conflicts/${near.id}/resolve`)
      .set(auth(grassAdminA))
      .send({ outcome: 'same_person' })
      .expect(200);
    expect((await t.http().get(`/api/members/${nearHolder.id}`).set(auth(secretary)).expect(200)).body).toMatchObject({
      committeeId: tree.branchA.id,
      partyCardNumber: 'TN-NEAR-1',
    });
    await t.http().get(`/api/members/${near.member.id}`).set(auth(secretary)).expect(404);
    // the duplicate's other waiting number (its external id) is withdrawn with it
    expect(await conflictsFor(grassAdminA)).toEqual([]);
    const log = await t
      .http()
      .get(`/api/audit-log?filter=${enc({ action: 'member.identity_conflict.resolve' })}`)
      .set(auth(provinceAdmin))
      .expect(200);
    expect(log.body.map((l: any) => [l.details.outcome, l.details.value]).sort()).toEqual([
      ['keep_existing', 'TN-FAR-1'],
      ['keep_new', 'TN-FAR-2'],
      ['same_person', 'TN-NEAR-1'],
    ]);
  });
});
