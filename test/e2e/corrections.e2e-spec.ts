import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Member } from '../../src/members/member.entity.js';
import { createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const future = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

describe('correction requests', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretaryA: string;
  let secretaryB: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    secretaryA = await tokenFor(t, 'secretary', tree.branchA);
    secretaryB = await tokenFor(t, 'secretary', tree.branchB);
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ask = (token: string, body: object) => t.http().post('/api/me/corrections').set(auth(token)).send(body);
  const approve = (token: string, id: string, body: object = {}) =>
    t.http().post(`/api/corrections/${id}/approve`).set(auth(token)).send(body);
  const reject = (token: string, id: string, body: object) => t.http().post(`/api/corrections/${id}/reject`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http().get(url).set(auth(token));
  const memberRow = (id: string) => t.db.getRepository(Member).findOneByOrFail({ id });
  const requestCount = async (memberId: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM member_correction_requests WHERE member_id = $1`, [memberId]))[0].n);

  async function memberSession(over: Partial<Member> = {}) {
    const member = await createMember(t.db, tree.branchA, { phone: '0911111111', email: 'binh@example.vn', ...over });
    const user = await createUser(t.db, 'member', tree.branchA, { memberId: member.id });
    return { member, token: (await login(t.http, user)).accessToken };
  }

  it('a member asks, the secretary of the branch approves: the record changes and the audit log says so', async () => {
    const { member, token } = await memberSession();
    const created = await ask(token, {
      changes: { fullName: '  Nguyễn Văn Ân ', phone: '0987654321', email: 'An.Moi@Example.VN' },
      reason: 'Tên ghi sai dấu; đổi số điện thoại',
    }).expect(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      changes: { fullName: 'Nguyễn Văn Ân', phone: '0987654321', email: 'an.moi@example.vn' },
      reason: 'Tên ghi sai dấu; đổi số điện thoại',
      decidedAt: null,
    });
    const id = created.body.id;
    expect((await get(token, '/api/me/corrections').expect(200)).body.map((c: any) => c.id)).toEqual([id]);
    // nothing changes before a decision
    expect((await memberRow(member.id)).phone).toBe('0911111111');

    // the staff list names the fields, never the values
    const list = await get(
      secretaryA,
      `/api/corrections?filter=${encodeURIComponent(JSON.stringify({ status: 'pending', memberId: member.id }))}`,
    ).expect(200);
    expect(list.headers['content-range']).toBe('corrections 0-0/1');
    expect(list.body[0]).toMatchObject({
      id,
      memberId: member.id,
      memberName: 'Nguyễn Văn An',
      committeeId: tree.branchA.id,
      fields: ['fullName', 'phone', 'email'],
    });
    expect(JSON.stringify(list.body)).not.toMatch(/0987654321|0911111111|an\.moi|binh@|1980-05-01/);

    // the single request shows the asked values next to the current ones
    const detail = await get(secretaryA, `/api/corrections/${id}`).expect(200);
    expect(detail.body).toMatchObject({
      changes: { phone: '0987654321' },
      current: { fullName: 'Nguyễn Văn An', phone: '0911111111', email: 'binh@example.vn' },
    });

    // the secretary of another branch does not see it
    expect((await get(secretaryB, `/api/corrections/${id}`).expect(404)).body.code).toBe('NOT_FOUND');
    await approve(secretaryB, id).expect(404);
    await reject(secretaryB, id, { note: 'Không' }).expect(404);
    expect((await get(secretaryB, '/api/corrections').expect(200)).body.map((c: any) => c.id)).not.toContain(id);
    expect((await memberRow(member.id)).phone).toBe('0911111111');

    const approved = await approve(secretaryA, id, { note: 'Đã đối chiếu hồ sơ' }).expect(200);
    expect((await get(token, '/api/me/notifications').expect(200)).body.items[0]).toMatchObject({
      kind: 'correction_decided',
      title: 'Yêu cầu sửa thông tin đã được duyệt',
      body: 'Đã đối chiếu hồ sơ',
    });
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: 'Đã đối chiếu hồ sơ', current: { phone: '0987654321' } });
    const row = await memberRow(member.id);
    expect(row).toMatchObject({ fullName: 'Nguyễn Văn Ân', phone: '0987654321', email: 'an.moi@example.vn' });

    // the audit log, as an admin reads it
    const filter = encodeURIComponent(JSON.stringify({ entityId: member.id, action: 'member.update' }));
    const audit = await get(admin, `/api/audit-log?filter=${filter}`).expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({
      actorRole: 'secretary',
      committeeId: tree.branchA.id,
      details: { correctionId: id, changes: { phone: ['0911111111', '0987654321'], fullName: ['Nguyễn Văn An', 'Nguyễn Văn Ân'] } },
    });
    const decided = await get(admin, `/api/audit-log?filter=${encodeURIComponent(JSON.stringify({ entityId: id }))}`).expect(200);
    expect(decided.body.map((a: any) => a.action).sort()).toEqual(['correction.approve', 'correction.create']);

    // a second decision is refused and changes nothing
    expect((await approve(secretaryA, id).expect(409)).body.code).toBe('CORRECTION_ALREADY_DECIDED');
    expect((await reject(secretaryA, id, { note: 'Muộn' }).expect(409)).body.code).toBe('CORRECTION_ALREADY_DECIDED');
    expect((await get(token, '/api/me/corrections').expect(200)).body[0]).toMatchObject({
      status: 'approved',
      decisionNote: 'Đã đối chiếu hồ sơ',
    });
  });

  it('refuses invalid requests with per-field errors, and stores nothing', async () => {
    const probationary = await memberSession({ status: 'probationary', officialAt: null, partyCardNumber: null, admittedAt: '2025-01-10' });
    const card = await ask(probationary.token, { changes: { partyCardNumber: 'TN-99887766' }, reason: 'Đã có thẻ' }).expect(400);
    expect(card.body.code).toBe('VALIDATION_FAILED');
    expect(card.body.errors['changes.partyCardNumber']).toMatch(/full members/);

    const birth = await ask(probationary.token, { changes: { birthDate: future() }, reason: 'Sai ngày sinh' }).expect(400);
    expect(birth.body.errors['changes.birthDate']).toMatch(/future/);

    const cases: [object, string][] = [
      [{ changes: { phone: '12345' }, reason: 'x' }, 'changes.phone'],
      [{ changes: { birthDate: '01/05/1980' }, reason: 'x' }, 'changes.birthDate'],
      [{ changes: { status: 'official' }, reason: 'x' }, 'changes.status'],
      [{ changes: { fullName: null }, reason: 'x' }, 'changes.fullName'],
      [{ changes: {}, reason: 'x' }, 'changes'],
      [{ changes: { phone: '0977777777' }, reason: '   ' }, 'reason'],
      [{ changes: { phone: '0977777777' } }, 'reason'],
      [{ changes: { birthDate: '2010-01-01' }, reason: 'x' }, 'changes.admittedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await ask(probationary.token, body).expect(400);
      expect([field, res.body.errors?.[field]]).toEqual([field, expect.any(String)]);
    }
    expect(await requestCount(probationary.member.id)).toBe(0);

    // asking for the values the record already holds is pointless
    const same = await ask(probationary.token, { changes: { phone: '0911111111' }, reason: 'x' }).expect(400);
    expect(same.body.errors.changes).toBeDefined();
    expect(await requestCount(probationary.member.id)).toBe(0);
  });

  it('the reject path: a note is required, the record stays, the member reads the note', async () => {
    const { member, token } = await memberSession();
    const { body } = await ask(token, { changes: { birthDate: '1981-05-01' }, reason: 'Giấy khai sinh ghi 1981' }).expect(201);
    expect((await reject(secretaryA, body.id, {}).expect(400)).body.errors.note).toBeDefined();
    const rejected = await reject(secretaryA, body.id, { note: 'Không khớp với hồ sơ gốc' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Không khớp với hồ sơ gốc' });
    expect((await memberRow(member.id)).birthDate).toBe('1980-05-01');
    expect((await get(token, '/api/me/corrections').expect(200)).body[0]).toMatchObject({
      status: 'rejected',
      decisionNote: 'Không khớp với hồ sơ gốc',
    });
    // the member is told in the inbox, with the note, once
    const inbox = (await get(token, '/api/me/notifications').expect(200)).body.items.filter(
      (n: { kind: string }) => n.kind === 'correction_decided',
    );
    expect(inbox).toEqual([
      expect.objectContaining({
        title: 'Yêu cầu sửa thông tin không được duyệt',
        body: 'Không khớp với hồ sơ gốc',
        link: { type: 'correction_request', id: body.id },
        read: false,
      }),
    ]);
    expect((await approve(secretaryA, body.id).expect(409)).body.code).toBe('CORRECTION_ALREADY_DECIDED');
    const lines = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [body.id]);
    expect(lines.map((l: any) => l.action)).toEqual(['correction.create', 'correction.reject']);
  });

  it('re-validates on approval: a record changed meanwhile into a state the request would break answers 409', async () => {
    const { member, token } = await memberSession();
    const { body } = await ask(token, { changes: { officialAt: '2006-01-10' }, reason: 'Quyết định công nhận ngày 10-1-2006' }).expect(201);
    await t.http().put(`/api/members/${member.id}`).set(auth(admin)).send({ admittedAt: '2006-02-01' }).expect(200);
    const res = await approve(secretaryA, body.id).expect(409);
    expect(res.body.code).toBe('CORRECTION_NO_LONGER_VALID');
    expect(res.body.errors['changes.officialAt']).toBeDefined();
    expect((await memberRow(member.id)).officialAt).toBe('2006-03-02');
    expect((await get(secretaryA, `/api/corrections/${body.id}`).expect(200)).body.status).toBe('pending');
  });

  it("refuses, on approval, a party card number another member of the approver's scope holds", async () => {
    const holder = await createMember(t.db, tree.branchA, { partyCardNumber: 'TN-55554444' });
    const { member, token } = await memberSession();
    const { body } = await ask(token, { changes: { partyCardNumber: holder.partyCardNumber }, reason: 'Số thẻ mới' }).expect(201);
    expect((await approve(secretaryA, body.id).expect(409)).body.code).toBe('PARTY_CARD_TAKEN');
    expect((await memberRow(member.id)).partyCardNumber).toBe(member.partyCardNumber);
  });

  it("approves a party card number held outside the approver's scope like a free one, pending verification above", async () => {
    // before the outside review (issue 13, finding 2) this answered 409 PARTY_CARD_TAKEN: a membership oracle
    const holder = await createMember(t.db, tree.branchB, { partyCardNumber: 'TN-55556666' });
    const { member, token } = await memberSession();
    const { body } = await ask(token, { changes: { partyCardNumber: holder.partyCardNumber }, reason: 'Số thẻ mới' }).expect(201);
    const res = await approve(secretaryA, body.id).expect(200);
    expect(res.body.status).toBe('approved');
    expect((await get(secretaryA, `/api/members/${member.id}`).expect(200)).body.partyCardNumber).toBe('TN-55556666');
    const [row] = await t.db.query(`SELECT party_card_number, pending_party_card_number FROM members WHERE id = $1`, [member.id]);
    expect(row).toEqual({ party_card_number: null, pending_party_card_number: 'TN-55556666' });
    const conflicts = await t.db.query(`SELECT committee_id, holder_id FROM member_identity_conflicts WHERE member_id = $1`, [member.id]);
    expect(conflicts).toEqual([{ committee_id: tree.province.id, holder_id: holder.id }]);
  });

  it('a committee admin of the district decides requests of its branches; members and staff keep to their sides', async () => {
    const { token } = await memberSession();
    const { body } = await ask(token, { changes: { email: 'moi@example.vn' }, reason: 'Email mới' }).expect(201);
    const districtA = await tokenFor(t, 'committee_admin', tree.districtA);
    const districtB = await tokenFor(t, 'committee_admin', tree.districtB);
    const sub = encodeURIComponent(JSON.stringify({ committeeId: tree.grassA.id, id: [body.id] }));
    expect((await get(districtA, `/api/corrections?filter=${sub}`).expect(200)).body.map((c: any) => c.id)).toEqual([body.id]);
    await get(districtB, `/api/corrections/${body.id}`).expect(404);
    await approve(districtA, body.id).expect(200);

    await get(token, '/api/corrections').expect(403);
    await approve(token, body.id).expect(403);
    await get(secretaryA, '/api/me/corrections').expect(403);
    await ask(secretaryA, { changes: { phone: '0900000000' }, reason: 'x' }).expect(403);
    await get(districtA, '/api/corrections/not-a-uuid').expect(404);
    expect((await get(districtA, `/api/corrections?filter=${encodeURIComponent('{"constructor":1}')}`).expect(400)).body.code).toBe(
      'INVALID_LIST_QUERY',
    );
  });

  it('the audit log cannot be changed, not even through the database connection', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(n).toBeGreaterThan(0);
    await expect(t.db.query(`UPDATE audit_log SET action = 'member.nothing'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(n);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.nothing'`))[0].n).toBe(0);
  });
});
