import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Member } from '../../src/members/member.entity.js';
import { localDate } from '../../src/common/dates.js';
import { appOpen, at, daysAgo, sendEvents } from '../factories/analytics.js';
import { createCommittee, createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createSurvey, type QuestionSpec } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe("the member's own side (/api/me)", () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (token: string, url: string) => t.http().get(url).set(auth(token));
  const register = (token: string, body: object) => t.http().post('/api/me/devices').set(auth(token)).send(body);
  const unregister = (token: string, deviceId: string) => t.http().delete(`/api/me/devices/${deviceId}`).set(auth(token));
  const memberRow = (id: string) => t.db.getRepository(Member).findOneByOrFail({ id });
  const deviceRows = async (memberId: string) =>
    t.db.query(`SELECT device_id, app_version, unregistered_at FROM member_devices WHERE member_id = $1 ORDER BY registered_at`, [
      memberId,
    ]);
  const auditLines = async (action: string, entityId: string) =>
    t.db.query(`SELECT * FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`, [action, entityId]);

  /** A member with an account, logged in. */
  async function memberSession(over: Partial<Member> = {}) {
    const member = await createMember(t.db, tree.branchA, { phone: '0912345678', email: 'an.nguyen@example.vn', ...over });
    const user = await createUser(t.db, 'member', tree.branchA, { memberId: member.id });
    return { member, user, token: (await login(t.http, user)).accessToken };
  }

  describe('GET /api/me', () => {
    it("answers the member's own record, their branch and the committees above it", async () => {
      const { member, user, token } = await memberSession();
      const res = await get(token, '/api/me').expect(200);
      expect(res.body).toMatchObject({
        id: member.id,
        username: user.username,
        fullName: 'Nguyễn Văn An',
        birthDate: '1980-05-01',
        phone: '0912345678',
        email: 'an.nguyen@example.vn',
        partyCardNumber: member.partyCardNumber,
        status: 'official',
        committee: { id: tree.branchA.id, name: 'Chi bộ xóm Đồng Kè' },
        endState: null,
        installedAt: null,
        hasDevices: false,
      });
      expect(res.body.committeeChain).toEqual([
        { id: tree.province.id, name: 'Tỉnh ủy Thái Nguyên', kind: 'province' },
        { id: tree.districtA.id, name: 'Huyện ủy Đại Từ', kind: 'subordinate' },
        { id: tree.grassA.id, name: 'Đảng bộ xã Hùng Sơn', kind: 'grassroots' },
        { id: tree.branchA.id, name: 'Chi bộ xóm Đồng Kè', kind: 'branch' },
      ]);
      expect(res.body).not.toHaveProperty('passwordHash');
    });

    it('is for members only: staff have no member record', async () => {
      for (const role of ['admin', 'committee_admin', 'secretary', 'editor'] as const) {
        const token = await tokenFor(t, role, role === 'admin' ? null : tree.branchA);
        const res = await get(token, '/api/me').expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await t.http().get('/api/me').expect(401);
    });

    it('still answers a member who has left the register', async () => {
      const { member, token } = await memberSession();
      await t.db.getRepository(Member).update({ id: member.id }, { endState: 'resigned', endedAt: '2025-01-15' });
      const res = await get(token, '/api/me').expect(200);
      expect(res.body).toMatchObject({ id: member.id, endState: 'resigned', endedAt: '2025-01-15' });
    });
  });

  describe('devices', () => {
    it('the first registration sets installedAt once; a repeat, a second device and unregistering do not move it', async () => {
      const { member, token } = await memberSession({ notInstalledReason: 'no_smartphone' });
      const first = await register(token, { deviceId: 'install-0001-abcd', platform: 'android', appVersion: '2.3.0' }).expect(201);
      expect(first.body).toMatchObject({
        deviceId: 'install-0001-abcd',
        platform: 'android',
        appVersion: '2.3.0',
        active: true,
        unregisteredAt: null,
      });
      const installed = (await memberRow(member.id)).installedAt;
      expect(installed).toBeInstanceOf(Date);
      expect((await memberRow(member.id)).notInstalledReason).toBeNull();
      const audit = await auditLines('member.install', member.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_type: 'member', committee_id: tree.branchA.id, actor_role: 'member' });

      // idempotent: the same row, refreshed
      const again = await register(token, { deviceId: 'install-0001-abcd', platform: 'android', appVersion: '2.4.1' }).expect(200);
      expect(again.body).toMatchObject({ deviceId: 'install-0001-abcd', appVersion: '2.4.1', active: true });
      expect(await deviceRows(member.id)).toHaveLength(1);
      expect((await deviceRows(member.id))[0].app_version).toBe('2.4.1');

      await register(token, { deviceId: 'ipad:ABCDEF12', platform: 'ios', appVersion: '2.4.1' }).expect(201);
      await unregister(token, 'install-0001-abcd').expect(204);
      await unregister(token, 'ipad:ABCDEF12').expect(204);
      await unregister(token, 'ipad:ABCDEF12').expect(204); // repeating it changes nothing
      expect((await memberRow(member.id)).installedAt).toEqual(installed);

      const list = await get(token, '/api/me/devices').expect(200);
      expect(list.body.map((d: any) => [d.deviceId, d.active])).toEqual(
        expect.arrayContaining([
          ['install-0001-abcd', false],
          ['ipad:ABCDEF12', false],
        ]),
      );
      expect((await get(token, '/api/me').expect(200)).body).toMatchObject({ hasDevices: false, installedAt: installed!.toISOString() });

      // re-registering an unregistered install: the same row, active again; installedAt still the first one
      const back = await register(token, { deviceId: 'install-0001-abcd', platform: 'android', appVersion: '2.5.0' }).expect(200);
      expect(back.body).toMatchObject({ active: true, unregisteredAt: null, appVersion: '2.5.0' });
      expect(await deviceRows(member.id)).toHaveLength(2);
      expect((await memberRow(member.id)).installedAt).toEqual(installed);
      expect(await auditLines('member.install', member.id)).toHaveLength(1);
      expect((await get(token, '/api/me').expect(200)).body.hasDevices).toBe(true);
    });

    it('registers the member web app (platform web): it counts as an install', async () => {
      const { member, token } = await memberSession();
      const res = await register(token, { deviceId: 'web-7f3c2a1b-0d4e', platform: 'web', appVersion: '0.1.0' }).expect(201);
      expect(res.body).toMatchObject({ deviceId: 'web-7f3c2a1b-0d4e', platform: 'web', active: true });
      expect((await memberRow(member.id)).installedAt).toBeInstanceOf(Date);
      await register(token, { deviceId: 'web-7f3c2a1b-0d4e', platform: 'desktop', appVersion: '0.1.0' }).expect(400);
    });

    it('allows at most 10 active devices', async () => {
      const { member, token } = await memberSession();
      for (let i = 0; i < 10; i++) await register(token, { deviceId: `phone-${i}-0000`, platform: 'ios', appVersion: '1.0.0' }).expect(201);
      const res = await register(token, { deviceId: 'phone-10-0000', platform: 'ios', appVersion: '1.0.0' }).expect(409);
      expect(res.body.code).toBe('TOO_MANY_DEVICES');
      expect(await deviceRows(member.id)).toHaveLength(10);
      // a repeat of an active one is still fine, and freeing a slot lets the new one in
      await register(token, { deviceId: 'phone-3-0000', platform: 'ios', appVersion: '1.0.1' }).expect(200);
      await unregister(token, 'phone-0-0000').expect(204);
      await register(token, { deviceId: 'phone-10-0000', platform: 'ios', appVersion: '1.0.0' }).expect(201);
      // the unregistered one cannot come back while ten are active
      expect((await register(token, { deviceId: 'phone-0-0000', platform: 'ios', appVersion: '1.0.0' }).expect(409)).body.code).toBe(
        'TOO_MANY_DEVICES',
      );
    });

    it('refuses bad input with per-field errors and changes nothing', async () => {
      const { member, token } = await memberSession();
      const bad = await register(token, { deviceId: 'install-0002-abcd', platform: 'windows', appVersion: '1.0' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.errors.platform).toBeDefined();
      const short = await register(token, { deviceId: 'abc', platform: 'ios', appVersion: '1.0' }).expect(400);
      expect(Object.keys(short.body.errors)).toEqual(['deviceId']);
      const chars = await register(token, { deviceId: 'has spaces in it', platform: 'ios', appVersion: '1.0' }).expect(400);
      expect(chars.body.errors.deviceId).toBeDefined();
      const extra = await register(token, {
        deviceId: 'install-0002-abcd',
        platform: 'ios',
        appVersion: '1.0',
        memberId: member.id,
      }).expect(400);
      expect(extra.body.errors.memberId).toBeDefined();
      expect(await deviceRows(member.id)).toHaveLength(0);
      expect((await memberRow(member.id)).installedAt).toBeNull();
    });

    it("answers 404 for an unknown device, and for another member's device", async () => {
      const one = await memberSession();
      const other = await memberSession();
      await register(other.token, { deviceId: 'others-device-01', platform: 'android', appVersion: '1.0' }).expect(201);
      expect((await unregister(one.token, 'never-registered-1').expect(404)).body.code).toBe('NOT_FOUND');
      await unregister(one.token, 'others-device-01').expect(404);
      await unregister(one.token, 'x').expect(404);
      expect((await deviceRows(other.member.id))[0].unregistered_at).toBeNull();
    });
  });

  describe('GET /api/me/export', () => {
    it('downloads the record, transfers, devices, account and audit trail, never a password hash, and is audited', async () => {
      const { member, user, token } = await memberSession();
      const otherBranch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' });
      const admin = await tokenFor(t, 'admin', null);
      await t
        .http()
        .post(`/api/members/${member.id}/transfer`)
        .set(auth(admin))
        .send({ committeeId: otherBranch.id, kind: 'official' })
        .expect(200);
      await register(token, { deviceId: 'export-device-01', platform: 'android', appVersion: '3.0.0' }).expect(201);

      const res = await get(token, '/api/me/export').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json"$/);
      expect(res.body.record).toMatchObject({
        id: member.id,
        phone: '0912345678',
        committee: { id: otherBranch.id, name: 'Chi bộ xóm Na Mao' },
      });
      expect(res.body.transfers).toEqual([
        expect.objectContaining({
          fromCommitteeId: tree.branchA.id,
          fromCommitteeName: 'Chi bộ xóm Đồng Kè',
          toCommitteeId: otherBranch.id,
          toCommitteeName: 'Chi bộ xóm Na Mao',
          kind: 'official',
        }),
      ]);
      expect(res.body.devices).toEqual([expect.objectContaining({ deviceId: 'export-device-01', platform: 'android', active: true })]);
      expect(res.body.account).toMatchObject({ username: user.username, role: 'member', isActive: true });
      expect(res.body.account.lastLoginAt).not.toBeNull();
      expect(res.body.sessions.length).toBeGreaterThan(0);
      expect(res.body.auditTrail.map((a: any) => a.action)).toEqual(expect.arrayContaining(['member.transfer', 'member.install']));
      expect(res.body.auditTrail.find((a: any) => a.action === 'member.transfer')).toMatchObject({ actorRole: 'admin' });
      expect(res.body.auditTrail.find((a: any) => a.action === 'member.install').fields).toContain('installedAt');

      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/password|hash|\$argon2/i);
      expect(text).not.toContain('actorUsername');
      const adminName = (
        await t.db.query(`SELECT actor_username FROM audit_log WHERE action = 'member.transfer' AND entity_id = $1`, [member.id])
      )[0].actor_username;
      expect(text).not.toContain(adminName);

      const audit = await auditLines('member.self_export', member.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: user.id, committee_id: otherBranch.id });
    });

    it('holds the surveys answered (answers of an anonymous one excepted) and the days of app use', async () => {
      const { member, token } = await memberSession();
      const questions: QuestionSpec[] = [
        { type: 'multiple', text: 'Đồng chí học Nghị quyết qua kênh nào?', options: ['Sổ tay Đảng viên', 'Sinh hoạt chi bộ', 'Báo in'] },
        { type: 'rating', text: 'Mức độ hữu ích của ứng dụng' },
        { type: 'short_text', text: 'Góp ý thêm' },
      ];
      const named = await createSurvey(t.db, tree.branchA, { title: 'Khảo sát học tập Nghị quyết', questions });
      const secret = await createSurvey(t.db, tree.branchA, { title: 'Khảo sát ẩn danh về sinh hoạt chi bộ', anonymous: true });
      const notAnswered = await createSurvey(t.db, tree.branchA, { title: 'Khảo sát chưa trả lời' });
      const [multiple, rating, short] = named.questions;
      await t
        .http()
        .post(`/api/me/surveys/${named.id}/responses`)
        .set(auth(token))
        .send({
          answers: [
            { questionId: multiple.id, optionIds: [multiple.options[2].id, multiple.options[0].id] },
            { questionId: rating.id, value: 5 },
            { questionId: short.id, text: 'Cập nhật văn bản sớm hơn' },
          ],
        })
        .expect(201);
      const [agree] = secret.questions;
      await t
        .http()
        .post(`/api/me/surveys/${secret.id}/responses`)
        .set(auth(token))
        .send({ answers: [{ questionId: agree.id, optionIds: [agree.options[1].id] }] })
        .expect(201);
      // two days of use; a second member's day is not theirs
      await sendEvents(t.http, token, [appOpen(at(daysAgo(3))), appOpen(at(daysAgo(3), '20:00')), appOpen(at(daysAgo(1)))]).expect(202);
      const other = await memberSession();
      await sendEvents(t.http, other.token, [appOpen(at(daysAgo(2)))]).expect(202);

      const res = await get(token, '/api/me/export').expect(200);
      expect(res.body.surveys).toEqual([
        {
          surveyId: named.id,
          title: 'Khảo sát học tập Nghị quyết',
          kind: 'survey',
          anonymous: false,
          respondedOn: localDate(),
          score: null,
          passed: null,
          answers: [
            {
              question: 'Đồng chí học Nghị quyết qua kênh nào?',
              type: 'multiple',
              options: ['Sổ tay Đảng viên', 'Báo in'],
              text: null,
              value: null,
            },
            { question: 'Mức độ hữu ích của ứng dụng', type: 'rating', options: [], text: null, value: 5 },
            { question: 'Góp ý thêm', type: 'short_text', options: [], text: 'Cập nhật văn bản sớm hơn', value: null },
          ],
        },
        {
          surveyId: secret.id,
          title: 'Khảo sát ẩn danh về sinh hoạt chi bộ',
          kind: 'survey',
          anonymous: true,
          respondedOn: localDate(),
          score: null,
          passed: null,
          answers: null,
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(notAnswered.id);
      // the anonymous answer ("Không đồng ý") is nowhere in the member's document
      expect(JSON.stringify(res.body)).not.toContain(agree.options[1].text);
      const chain = [tree.province.id, tree.districtA.id, tree.grassA.id, tree.branchA.id];
      expect(res.body.activity.days).toEqual([
        { day: daysAgo(3), committeeIds: [...chain].sort((a, b) => a - b) },
        { day: daysAgo(1), committeeIds: [...chain].sort((a, b) => a - b) },
      ]);
      expect(res.body.activity.committees.map((c: { id: number }) => c.id)).toEqual(chain);
      expect(res.body.activity.keptFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((await auditLines('member.self_export', member.id))[0].details).toMatchObject({ surveys: 2, activeDays: 2 });
    });

    it('is for members only', async () => {
      const token = await tokenFor(t, 'committee_admin', tree.districtA);
      await get(token, '/api/me/export').expect(403);
    });
  });
});
