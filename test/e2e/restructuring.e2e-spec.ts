import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../../src/common/dates.js';
import { User } from '../../src/auth/user.entity.js';
import { Committee } from '../../src/committees/committee.entity.js';
import { CorrectionRequest } from '../../src/self-service/correction-request.entity.js';
import { Member } from '../../src/members/member.entity.js';
import { createCommittee, createMember, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Restructuring: committee A merged into committee B. Nobody is lost or counted twice, each moved
 * member has exactly one restructuring transfer row, and those who had left stay where they stood.
 */
describe('restructuring (merging committees)', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const merge = (token: string, id: number, body: object) => t.http().post(`/api/committees/${id}/merge`).set(auth(token)).send(body);
  const committee = (id: number) => t.db.getRepository(Committee).findOneByOrFail({ id });

  /** Current members in the subtree of a committee, as the tree stands now. */
  const currentIn = async (id: number): Promise<number> =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM members m JOIN committees c ON c.id = m.committee_id
          WHERE m.end_state IS NULL AND c.path <@ (SELECT path FROM committees WHERE id = $1)`,
        [id],
      )
    )[0].n;
  const membersOf = async (committeeId: number, current = true) =>
    (await t.db.getRepository(Member).find({ where: { committeeId }, order: { id: 'ASC' } })).filter(
      (m) => (m.endState === null) === current,
    );
  /** Everything a merge may touch, to show that a refused one changed nothing. */
  const snapshot = async () => ({
    committees: await t.db.query(`SELECT id, parent_id, path::text, archived_at, merged_into_id, updated_at FROM committees ORDER BY id`),
    members: await t.db.query(`SELECT id, committee_id, updated_at FROM members ORDER BY id`),
    transfers: await t.db.query(`SELECT count(*)::int AS n FROM member_transfers`),
    users: await t.db.query(`SELECT id, committee_id FROM users ORDER BY id`),
    audit: await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'committee.merge'`),
  });

  /**
   * A province with two districts. District A: grassroots A1 with branches A1a (3 current members,
   * 1 who left) and A1b (2 members), grassroots A2 with branch A2a (4 members). District B:
   * grassroots B1 with branch B1a (5 members).
   */
  async function buildProvince() {
    const province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Thái Nguyên' });
    const districtA = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Đại Từ' });
    const districtB = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Phú Lương' });
    const grassA1 = await createCommittee(t.db, { parent: districtA, name: 'Đảng bộ xã Hùng Sơn' });
    const grassA2 = await createCommittee(t.db, { parent: districtA, name: 'Đảng bộ xã Tân Thái' });
    const grassB1 = await createCommittee(t.db, { parent: districtB, name: 'Đảng bộ xã Yên Lạc' });
    const branchA1a = await createCommittee(t.db, { parent: grassA1, name: 'Chi bộ xóm Đồng Kè' });
    const branchA1b = await createCommittee(t.db, { parent: grassA1, name: 'Chi bộ xóm Đồng Tiến' });
    const branchA2a = await createCommittee(t.db, { parent: grassA2, name: 'Chi bộ xóm Gò Miếu' });
    const branchB1a = await createCommittee(t.db, { parent: grassB1, name: 'Chi bộ xóm Na Pặng' });
    for (let i = 0; i < 3; i++) await createMember(t.db, branchA1a, { fullName: `Đảng viên Đồng Kè ${i}` });
    const left = await createMember(t.db, branchA1a, {
      fullName: 'Đảng viên đã chuyển đi',
      endState: 'transferred_out',
      endedAt: '2024-06-01',
    });
    for (let i = 0; i < 2; i++) await createMember(t.db, branchA1b, { fullName: `Đảng viên Đồng Tiến ${i}` });
    for (let i = 0; i < 4; i++) await createMember(t.db, branchA2a, { fullName: `Đảng viên Gò Miếu ${i}` });
    for (let i = 0; i < 5; i++) await createMember(t.db, branchB1a, { fullName: `Đảng viên Na Pặng ${i}` });
    return { province, districtA, districtB, grassA1, grassA2, grassB1, branchA1a, branchA1b, branchA2a, branchB1a, left };
  }

  describe('merging a branch into another', () => {
    it('moves the current members with one restructuring transfer each, keeps those who left, archives the branch', async () => {
      const p = await buildProvince();
      const secretaryA = await createUser(t.db, 'secretary', p.branchA1a);
      const provinceToken = await tokenFor(t, 'committee_admin', p.province);
      const moving = await membersOf(p.branchA1a.id);
      const pending = await t.db.getRepository(CorrectionRequest).save({
        memberId: moving[0].id,
        committeeId: p.branchA1a.id,
        changes: { phone: '0912345678' },
        reason: 'Số điện thoại mới',
      });
      const decided = await t.db.getRepository(CorrectionRequest).save({
        memberId: moving[1].id,
        committeeId: p.branchA1a.id,
        changes: { phone: '0987654321' },
        reason: 'Số cũ',
        status: 'approved',
        decidedAt: new Date(),
      });
      const provinceBefore = await currentIn(p.province.id);
      const aBefore = await currentIn(p.branchA1a.id);
      const bBefore = await currentIn(p.branchA1b.id);
      expect([provinceBefore, aBefore, bBefore]).toEqual([14, 3, 2]);

      const res = await merge(provinceToken, p.branchA1a.id, {
        targetId: p.branchA1b.id,
        mergedOn: '2025-07-01',
        reason: 'Quyết định 45-QĐ/HU hợp nhất chi bộ',
      }).expect(200);
      expect(res.body.moved).toEqual({ children: 0, members: 3, accounts: 1 });
      expect(res.body.target).toMatchObject({ id: p.branchA1b.id, archivedAt: null, mergedIntoId: null });

      // nobody lost, nobody counted twice
      expect(await currentIn(p.province.id)).toBe(provinceBefore);
      expect(await currentIn(p.branchA1b.id)).toBe(aBefore + bBefore);
      expect(await currentIn(p.branchA1a.id)).toBe(0);
      const list = await t
        .http()
        .get(`/api/members?filter=${enc({ committeeId: p.province.id })}&range=[0,99]`)
        .set(auth(provinceToken))
        .expect(200);
      expect(list.headers['content-range']).toBe(`members 0-${provinceBefore - 1}/${provinceBefore}`);
      expect(new Set(list.body.map((m: any) => m.id)).size).toBe(provinceBefore);

      // exactly one restructuring row per moved member, none for anyone else
      const transfers = await t.db.query(
        `SELECT member_id, from_committee_id, to_committee_id, transferred_on::text AS on, kind, reason FROM member_transfers
          WHERE member_id IN (SELECT m.id FROM members m JOIN committees c ON c.id = m.committee_id WHERE c.path <@ CAST($1 AS ltree))`,
        [p.province.path],
      );
      expect(transfers.map((r: any) => r.member_id).sort()).toEqual(moving.map((m) => m.id).sort());
      for (const r of transfers) {
        expect(r).toMatchObject({
          from_committee_id: p.branchA1a.id,
          to_committee_id: p.branchA1b.id,
          on: '2025-07-01',
          kind: 'restructuring',
          reason: 'Quyết định 45-QĐ/HU hợp nhất chi bộ',
        });
      }
      const history = await t.http().get(`/api/members/${moving[0].id}/transfers`).set(auth(provinceToken)).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          fromCommitteeId: p.branchA1a.id,
          toCommitteeId: p.branchA1b.id,
          kind: 'restructuring',
          transferredOn: '2025-07-01',
        }),
      ]);

      // the member who had left stays in the register of the branch they left
      expect((await membersOf(p.branchA1a.id, false)).map((m) => m.id)).toEqual([p.left.id]);
      const leftList = await t
        .http()
        .get(`/api/members?filter=${enc({ committeeId: p.branchA1a.id, register: 'left' })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(leftList.body.map((m: any) => m.id)).toEqual([p.left.id]);

      // B's list shows the moved members
      const bList = await t
        .http()
        .get(`/api/members?filter=${enc({ committeeId: p.branchA1b.id })}&range=[0,99]`)
        .set(auth(provinceToken))
        .expect(200);
      expect(bList.body).toHaveLength(5);
      const bIds = bList.body.map((m: any) => m.id);
      for (const m of moving) expect(bIds).toContain(m.id);
      expect(bList.body.every((m: any) => m.committeeId === p.branchA1b.id)).toBe(true);

      // the account moved with the branch, and now sees the merged list
      expect((await t.db.getRepository(User).findOneByOrFail({ id: secretaryA.id })).committeeId).toBe(p.branchA1b.id);
      const secretaryToken = (await login(t.http, secretaryA)).accessToken;
      const own = await t.http().get('/api/members?range=[0,99]').set(auth(secretaryToken)).expect(200);
      expect(own.body).toHaveLength(5);

      // pending correction requests follow the member; decided ones stay as history
      expect((await t.db.getRepository(CorrectionRequest).findOneByOrFail({ id: pending.id })).committeeId).toBe(p.branchA1b.id);
      expect((await t.db.getRepository(CorrectionRequest).findOneByOrFail({ id: decided.id })).committeeId).toBe(p.branchA1a.id);

      // A is archived, keeps its phase, leaves the lists but answers by id
      const a = await t.http().get(`/api/committees/${p.branchA1a.id}`).set(auth(provinceToken)).expect(200);
      expect(a.body).toMatchObject({ id: p.branchA1a.id, mergedIntoId: p.branchA1b.id, phase: 'not_started', path: p.branchA1a.path });
      expect(Date.now() - Date.parse(a.body.archivedAt)).toBeLessThan(60_000);
      const listed = await t
        .http()
        .get(`/api/committees?filter=${enc({ parentId: p.grassA1.id })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(listed.body.map((c: any) => c.id)).toEqual([p.branchA1b.id]);
      expect(listed.headers['content-range']).toBe('committees 0-0/1');
      const archived = await t
        .http()
        .get(`/api/committees?filter=${enc({ parentId: p.grassA1.id, archived: true })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(archived.body.map((c: any) => c.id)).toEqual([p.branchA1a.id]);
      const all = await t
        .http()
        .get(`/api/committees?filter=${enc({ parentId: p.grassA1.id, archived: 'all' })}&sort=${enc(['id', 'ASC'])}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(all.body.map((c: any) => c.id)).toEqual([p.branchA1a.id, p.branchA1b.id]);
      const byId = await t
        .http()
        .get(`/api/committees?filter=${enc({ id: [p.branchA1a.id] })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(byId.body.map((c: any) => c.id)).toEqual([p.branchA1a.id]);
      expect((await t.http().get(`/api/committees/${p.grassA1.id}`).set(auth(provinceToken)).expect(200)).body.childCount).toBe(1);

      // audited once, on the merged committee, with the counts
      const log = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ action: 'committee.merge', entityId: p.branchA1a.id })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(log.body).toHaveLength(1);
      expect(log.body[0]).toMatchObject({
        committeeId: p.branchA1a.id,
        details: {
          targetId: p.branchA1b.id,
          mergedOn: '2025-07-01',
          moved: { children: 0, members: 3, accounts: 1, committees: 0, pendingCorrections: 1 },
        },
      });
    });

    it('refuses to change, fill or merge an archived committee again (409), and to merge into one', async () => {
      const p = await buildProvince();
      await merge(adminToken, p.branchA1a.id, { targetId: p.branchA1b.id }).expect(200);
      const before = await snapshot();

      const again = await merge(adminToken, p.branchA1a.id, { targetId: p.branchA2a.id }).expect(409);
      expect(again.body.code).toBe('COMMITTEE_ARCHIVED');
      const into = await merge(adminToken, p.branchA2a.id, { targetId: p.branchA1a.id }).expect(409);
      expect(into.body.code).toBe('COMMITTEE_ARCHIVED');
      const edit = await t.http().put(`/api/committees/${p.branchA1a.id}`).set(auth(adminToken)).send({ name: 'Đổi tên' }).expect(409);
      expect(edit.body.code).toBe('COMMITTEE_ARCHIVED');
      const del = await t.http().delete(`/api/committees/${p.branchA1a.id}`).set(auth(adminToken)).expect(409);
      expect(del.body.code).toBe('COMMITTEE_ARCHIVED');
      const phase = await t
        .http()
        .post(`/api/committees/${p.branchA1a.id}/phase`)
        .set(auth(adminToken))
        .send({ phase: 'live' })
        .expect(409);
      expect(phase.body.code).toBe('COMMITTEE_ARCHIVED');
      expect(await snapshot()).toEqual(before);

      // no children and no members for it
      const archivedGrass = p.grassA2;
      await merge(adminToken, archivedGrass.id, { targetId: p.grassA1.id }).expect(200);
      const snap = await snapshot();
      const child = await t
        .http()
        .post('/api/committees')
        .set(auth(adminToken))
        .send({ name: 'Chi bộ mới', code: `NEW-${Date.now()}`, kind: 'branch', parentId: archivedGrass.id })
        .expect(409);
      expect(child.body.code).toBe('COMMITTEE_ARCHIVED');
      const moveUnder = await t
        .http()
        .put(`/api/committees/${p.branchB1a.id}`)
        .set(auth(adminToken))
        .send({ parentId: archivedGrass.id })
        .expect(409);
      expect(moveUnder.body.code).toBe('COMMITTEE_ARCHIVED');
      const member = await t.http().post('/api/members').set(auth(adminToken)).send({
        fullName: 'Người mới',
        gender: 'female',
        birthDate: '1990-01-01',
        status: 'probationary',
        admittedAt: '2024-01-01',
        committeeId: archivedGrass.id,
      });
      expect([400, 409]).toContain(member.status);
      expect(await t.db.getRepository(Member).countBy({ committeeId: archivedGrass.id })).toBe(0);
      expect(await snapshot()).toEqual(snap);
    });
  });

  describe('the 2025 reorganisation: a whole district merged into another', () => {
    it('moves the sub-committees with their subtrees; every member is still counted once', async () => {
      const p = await buildProvince();
      const districtAdminA = await createUser(t.db, 'committee_admin', p.districtA);
      const aBefore = await currentIn(p.districtA.id);
      const bBefore = await currentIn(p.districtB.id);
      const provinceBefore = await currentIn(p.province.id);
      const perBranch = new Map<number, string[]>();
      for (const b of [p.branchA1a, p.branchA1b, p.branchA2a, p.branchB1a])
        perBranch.set(
          b.id,
          (await membersOf(b.id)).map((m) => m.id),
        );
      const [{ n: transfersBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM member_transfers`);

      const res = await merge(adminToken, p.districtA.id, { targetId: p.districtB.id, mergedOn: '2025-07-01' }).expect(200);
      expect(res.body.moved).toEqual({ children: 2, members: 0, accounts: 1 });
      expect(res.body.target).toMatchObject({ id: p.districtB.id, childCount: 3 });

      expect(await currentIn(p.province.id)).toBe(provinceBefore);
      expect(await currentIn(p.districtB.id)).toBe(aBefore + bBefore);
      expect(await currentIn(p.districtA.id)).toBe(0);
      // members stayed in their branches: the branches moved, not the members
      for (const [branchId, ids] of perBranch) expect((await membersOf(branchId)).map((m) => m.id)).toEqual(ids);
      const [{ n: transfersAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM member_transfers`);
      expect(transfersAfter).toBe(transfersBefore);

      // the children's paths are under B, down to the branches
      const b = p.districtB;
      expect(await committee(p.grassA1.id)).toMatchObject({ parentId: b.id, path: `${b.path}.${p.grassA1.id}` });
      expect(await committee(p.grassA2.id)).toMatchObject({ parentId: b.id, path: `${b.path}.${p.grassA2.id}` });
      expect(await committee(p.branchA1a.id)).toMatchObject({
        parentId: p.grassA1.id,
        path: `${b.path}.${p.grassA1.id}.${p.branchA1a.id}`,
      });
      expect(await committee(p.branchA2a.id)).toMatchObject({
        parentId: p.grassA2.id,
        path: `${b.path}.${p.grassA2.id}.${p.branchA2a.id}`,
      });
      const [{ n: strays }] = await t.db.query(`SELECT count(*)::int AS n FROM committees WHERE path <@ CAST($1 AS ltree) AND id <> $2`, [
        p.districtA.path,
        p.districtA.id,
      ]);
      expect(strays).toBe(0);
      expect(await committee(p.districtA.id)).toMatchObject({ mergedIntoId: b.id, path: p.districtA.path });

      // the district's admin now works in B, and sees the whole merged district
      const token = (await login(t.http, districtAdminA)).accessToken;
      const tree = await t.http().get('/api/committees?range=[0,99]').set(auth(token)).expect(200);
      expect(tree.body.map((c: any) => c.id).sort((x: number, y: number) => x - y)).toEqual(
        [b.id, p.grassA1.id, p.grassA2.id, p.grassB1.id, p.branchA1a.id, p.branchA1b.id, p.branchA2a.id, p.branchB1a.id].sort(
          (x, y) => x - y,
        ),
      );
      const members = await t.http().get('/api/members?range=[0,99]').set(auth(token)).expect(200);
      expect(members.headers['content-range']).toBe(`members 0-${aBefore + bBefore - 1}/${aBefore + bBefore}`);
    });

    it('abolishes the district level: a district without staff accounts goes into the province, its grassroots directly under it', async () => {
      const p = await buildProvince();
      const before = await currentIn(p.province.id);
      const res = await merge(adminToken, p.districtA.id, { targetId: p.province.id }).expect(200);
      expect(res.body.moved).toEqual({ children: 2, members: 0, accounts: 0 });
      expect(await committee(p.grassA1.id)).toMatchObject({ parentId: p.province.id, path: `${p.province.path}.${p.grassA1.id}` });
      expect(await currentIn(p.province.id)).toBe(before);
    });

    it('refuses to merge into an ancestor while staff accounts are at home in the merged committee (409), changing nothing', async () => {
      const p = await buildProvince();
      await createUser(t.db, 'committee_admin', p.districtA);
      const before = await snapshot();
      const res = await merge(adminToken, p.districtA.id, { targetId: p.province.id }).expect(409);
      expect(res.body.code).toBe('MERGE_WIDENS_SCOPE');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('refusals change nothing', () => {
    it("answers 404 for a target outside the caller's scope, like a missing one", async () => {
      const p = await buildProvince();
      const districtToken = await tokenFor(t, 'committee_admin', p.districtA);
      const before = await snapshot();
      const outside = await merge(districtToken, p.branchA1a.id, { targetId: p.branchB1a.id }).expect(404);
      expect(outside.body.code).toBe('NOT_FOUND');
      const missing = await merge(districtToken, p.branchA1a.id, { targetId: 2147483647 }).expect(404);
      expect(missing.body.message).toBe(outside.body.message);
      // and the source outside the scope is a 404 too
      const source = await merge(districtToken, p.branchB1a.id, { targetId: p.branchA1a.id }).expect(404);
      expect(source.body.code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a merge into itself or a descendant (409)', async () => {
      const p = await buildProvince();
      const before = await snapshot();
      const desc = await merge(adminToken, p.districtA.id, { targetId: p.grassA1.id }).expect(409);
      expect(desc.body.code).toBe('MERGE_INTO_OWN_SUBTREE');
      const deep = await merge(adminToken, p.grassA1.id, { targetId: p.branchA1a.id }).expect(409);
      expect(deep.body.code).toBe('MERGE_INTO_OWN_SUBTREE');
      const self = await merge(adminToken, p.branchA1a.id, { targetId: p.branchA1a.id }).expect(409);
      expect(self.body.code).toBe('MERGE_INTO_OWN_SUBTREE');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a target that cannot hold what moves (400 on targetId)', async () => {
      const p = await buildProvince();
      const before = await snapshot();
      // branches cannot stand under a branch
      const children = await merge(adminToken, p.grassA1.id, { targetId: p.branchB1a.id }).expect(400);
      expect(children.body.code).toBe('VALIDATION_FAILED');
      expect(children.body.errors.targetId).toMatch(/branch/);
      // members cannot belong to a district
      const members = await merge(adminToken, p.branchA1a.id, { targetId: p.districtB.id }).expect(400);
      expect(members.body.errors.targetId).toMatch(/member/);
      expect(await snapshot()).toEqual(before);
    });

    it('validates the body and the role', async () => {
      const p = await buildProvince();
      const secretary = await tokenFor(t, 'secretary', p.branchA1a);
      const before = await snapshot();
      const bad = await merge(adminToken, p.branchA1a.id, { targetId: 'x', mergedOn: '2025-02-30', reason: '', extra: true }).expect(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['extra', 'mergedOn', 'reason', 'targetId']);
      const tomorrow = new Date(Date.now() + 2 * 86_400_000);
      const future = await merge(adminToken, p.branchA1a.id, { targetId: p.branchA1b.id, mergedOn: localDate(tomorrow) }).expect(400);
      expect(Object.keys(future.body.errors)).toEqual(['mergedOn']);
      await merge(secretary, p.branchA1a.id, { targetId: p.branchA1b.id }).expect(403);
      const badId = await merge(adminToken, 0, { targetId: p.branchA1b.id }).expect(400);
      expect(badId.body.errors).toHaveProperty('id');
      expect(await snapshot()).toEqual(before);
    });
  });
});
