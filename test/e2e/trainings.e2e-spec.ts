import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../../src/common/dates.js';
import { Training } from '../../src/trainings/training.entity.js';
import { createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const KEYS = [
  'attendees',
  'committeeId',
  'committeeName',
  'createdAt',
  'createdBy',
  'heldOn',
  'id',
  'location',
  'notes',
  'topic',
  'updatedAt',
];

/** Training sessions (hội nghị tập huấn): the brief counts 8 training conferences by 11-2022. */
describe('trainings', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let provinceToken: string;
  let districtAToken: string;
  let districtBToken: string;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    const provinceAdmin = await createUser(t.db, 'committee_admin', tree.province);
    adminId = provinceAdmin.id;
    provinceToken = (await login(t.http, provinceAdmin)).accessToken;
    districtAToken = await tokenFor(t, 'committee_admin', tree.districtA);
    districtBToken = await tokenFor(t, 'committee_admin', tree.districtB);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const list = (token: string, p: { sort?: unknown; range?: unknown; filter?: unknown } = {}) =>
    t
      .http()
      .get(
        '/api/trainings?' +
          Object.entries(p)
            .map(([k, v]) => `${k}=${enc(v)}`)
            .join('&'),
      )
      .set(auth(token));
  const post = (token: string, body: object) => t.http().post('/api/trainings').set(auth(token)).send(body);
  const count = () => t.db.getRepository(Training).count();

  describe('create, read, update, delete', () => {
    it('records a session, answers it with the documented fields, and audits it', async () => {
      const res = await post(districtAToken, {
        committeeId: tree.districtA.id,
        heldOn: '2021-12-20',
        topic: '  Hướng dẫn cài đặt Sổ tay Đảng viên điện tử  ',
        location: 'Hội trường Huyện ủy',
        attendees: 120,
      }).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(KEYS);
      expect(res.body).toMatchObject({
        committeeId: tree.districtA.id,
        committeeName: 'Huyện ủy Đại Từ',
        heldOn: '2021-12-20',
        topic: 'Hướng dẫn cài đặt Sổ tay Đảng viên điện tử',
        location: 'Hội trường Huyện ủy',
        attendees: 120,
        notes: null,
      });
      const got = await t.http().get(`/api/trainings/${res.body.id}`).set(auth(provinceToken)).expect(200);
      expect(got.body).toEqual(res.body);

      const log = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ entityType: 'training', entityId: res.body.id })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(log.body).toHaveLength(1);
      expect(log.body[0]).toMatchObject({ action: 'training.create', committeeId: tree.districtA.id, details: { attendees: 120 } });
    });

    it('updates given fields only, audits the diff, and deletes answering the record', async () => {
      const created = await post(provinceToken, {
        committeeId: tree.province.id,
        heldOn: '2022-01-05',
        topic: 'Tập huấn quản trị hệ thống',
        attendees: 40,
        notes: 'Lần 1',
      }).expect(201);
      const upd = await t
        .http()
        .put(`/api/trainings/${created.body.id}`)
        .set(auth(provinceToken))
        .send({ attendees: 45, location: 'Hội trường Tỉnh ủy' })
        .expect(200);
      expect(upd.body).toMatchObject({
        attendees: 45,
        location: 'Hội trường Tỉnh ủy',
        topic: 'Tập huấn quản trị hệ thống',
        notes: 'Lần 1',
        createdBy: adminId,
      });
      const moved = await t
        .http()
        .put(`/api/trainings/${created.body.id}`)
        .set(auth(provinceToken))
        .send({ committeeId: tree.districtB.id, notes: null })
        .expect(200);
      expect(moved.body).toMatchObject({ committeeId: tree.districtB.id, committeeName: 'Huyện ủy Định Hóa', notes: null });
      const log = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ action: 'training.update', entityId: created.body.id })}&sort=${enc(['id', 'ASC'])}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(log.body.map((l: any) => l.details.changes)).toEqual([
        { attendees: [40, 45], location: [null, 'Hội trường Tỉnh ủy'] },
        { committeeId: [tree.province.id, tree.districtB.id], notes: ['Lần 1', null] },
      ]);

      const shown = (await t.http().get(`/api/trainings/${created.body.id}`).set(auth(provinceToken)).expect(200)).body;
      const del = await t.http().delete(`/api/trainings/${created.body.id}`).set(auth(provinceToken)).expect(200);
      expect(del.body).toEqual(shown);
      await t.http().get(`/api/trainings/${created.body.id}`).set(auth(provinceToken)).expect(404);
      expect(await t.db.getRepository(Training).existsBy({ id: created.body.id })).toBe(false);
      const dlog = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ action: 'training.delete', entityId: created.body.id })}`)
        .set(auth(provinceToken))
        .expect(200);
      expect(dlog.body).toHaveLength(1);
    });
  });

  describe('validation', () => {
    it('refuses negative attendees, a missing topic, a bad or future date and unknown fields (400), creating nothing', async () => {
      const before = await count();
      const neg = await post(provinceToken, {
        committeeId: tree.province.id,
        heldOn: '2022-01-05',
        topic: 'Tập huấn',
        attendees: -1,
      }).expect(400);
      expect(neg.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(Object.keys(neg.body.errors)).toEqual(['attendees']);

      const many = await post(provinceToken, {
        committeeId: 'x',
        heldOn: '2022-02-30',
        topic: '   ',
        attendees: 1.5,
        location: 5,
        extra: 1,
      }).expect(400);
      expect(Object.keys(many.body.errors).sort()).toEqual(['attendees', 'committeeId', 'extra', 'heldOn', 'location', 'topic']);
      const missing = await post(provinceToken, {}).expect(400);
      expect(Object.keys(missing.body.errors).sort()).toEqual(['attendees', 'committeeId', 'heldOn', 'topic']);

      const tomorrow = localDate(new Date(Date.now() + 2 * 86_400_000));
      const future = await post(provinceToken, { committeeId: tree.province.id, heldOn: tomorrow, topic: 'Sắp tới', attendees: 0 }).expect(
        400,
      );
      expect(Object.keys(future.body.errors)).toEqual(['heldOn']);
      expect(await count()).toBe(before);
    });

    it('refuses to clear a required field or set negative attendees on update, changing nothing', async () => {
      const created = await post(provinceToken, {
        committeeId: tree.province.id,
        heldOn: '2022-03-01',
        topic: 'Tập huấn lần 2',
        attendees: 30,
      }).expect(201);
      const neg = await t.http().put(`/api/trainings/${created.body.id}`).set(auth(provinceToken)).send({ attendees: -5 }).expect(400);
      expect(Object.keys(neg.body.errors)).toEqual(['attendees']);
      const cleared = await t
        .http()
        .put(`/api/trainings/${created.body.id}`)
        .set(auth(provinceToken))
        .send({ topic: null, heldOn: null })
        .expect(400);
      expect(Object.keys(cleared.body.errors).sort()).toEqual(['heldOn', 'topic']);
      expect(await t.db.getRepository(Training).findOneByOrFail({ id: created.body.id })).toMatchObject({
        attendees: 30,
        topic: 'Tập huấn lần 2',
        heldOn: '2022-03-01',
      });
    });
  });

  describe('scope', () => {
    let aTraining: string;
    let bTraining: string;

    beforeAll(async () => {
      aTraining = (
        await post(provinceToken, {
          committeeId: tree.grassA.id,
          heldOn: '2022-02-10',
          topic: 'Tập huấn xã Hùng Sơn',
          attendees: 25,
        }).expect(201)
      ).body.id;
      bTraining = (
        await post(provinceToken, {
          committeeId: tree.grassB.id,
          heldOn: '2022-02-11',
          topic: 'Tập huấn xã Kim Phượng',
          attendees: 18,
        }).expect(201)
      ).body.id;
    });

    it('answers 404 to a sibling district for every {id} route, and changes nothing', async () => {
      for (const res of [
        await t.http().get(`/api/trainings/${aTraining}`).set(auth(districtBToken)),
        await t.http().put(`/api/trainings/${aTraining}`).set(auth(districtBToken)).send({ attendees: 1 }),
        await t.http().delete(`/api/trainings/${aTraining}`).set(auth(districtBToken)),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(await t.db.getRepository(Training).findOneByOrFail({ id: aTraining })).toMatchObject({
        attendees: 25,
        committeeId: tree.grassA.id,
      });
      // nor can it record one for district A, or move its own there
      const into = await post(districtBToken, {
        committeeId: tree.grassA.id,
        heldOn: '2022-02-12',
        topic: 'Không được',
        attendees: 3,
      }).expect(400);
      expect(Object.keys(into.body.errors)).toEqual(['committeeId']);
      const moveOut = await t
        .http()
        .put(`/api/trainings/${bTraining}`)
        .set(auth(districtBToken))
        .send({ committeeId: tree.grassA.id })
        .expect(400);
      expect(Object.keys(moveOut.body.errors)).toEqual(['committeeId']);
      expect(await t.db.getRepository(Training).findOneByOrFail({ id: bTraining })).toMatchObject({ committeeId: tree.grassB.id });
      // a malformed id is a 404 like a missing one
      await t.http().get('/api/trainings/not-a-uuid').set(auth(districtBToken)).expect(404);
    });

    it("lists only the caller's subtree, and refuses roles other than admin and committee_admin", async () => {
      const a = await list(districtAToken, { range: [0, 99] }).expect(200);
      expect(a.body.map((x: any) => x.id)).toContain(aTraining);
      expect(a.body.map((x: any) => x.id)).not.toContain(bTraining);
      expect(a.body.every((x: any) => [tree.districtA.id, tree.grassA.id, tree.branchA.id].includes(x.committeeId))).toBe(true);
      const secretary = await tokenFor(t, 'secretary', tree.branchA);
      await list(secretary).expect(403);
      const editor = await tokenFor(t, 'editor', tree.districtA);
      await post(editor, { committeeId: tree.districtA.id, heldOn: '2022-01-01', topic: 'Không được', attendees: 1 }).expect(403);
    });

    it('refuses a training for an archived committee (409)', async () => {
      await t.db.query(`UPDATE committees SET archived_at = now() WHERE id = $1`, [tree.branchB.id]);
      const res = await post(provinceToken, {
        committeeId: tree.branchB.id,
        heldOn: '2022-01-01',
        topic: 'Chi bộ đã sáp nhập',
        attendees: 2,
      }).expect(409);
      expect(res.body.code).toBe('COMMITTEE_ARCHIVED');
    });
  });

  describe('the admin list', () => {
    let ids: Record<string, string>;
    let tt: Awaited<ReturnType<typeof createTree>>;
    let token: string;

    beforeAll(async () => {
      tt = await createTree(t.db);
      token = await tokenFor(t, 'committee_admin', tt.province);
      const make = async (committeeId: number, heldOn: string, topic: string, attendees: number) =>
        (await post(token, { committeeId, heldOn, topic, attendees }).expect(201)).body.id as string;
      ids = {
        trial: await make(tt.province.id, '2021-11-10', 'Hội nghị tập huấn triển khai thí điểm', 60),
        pilot: await make(tt.districtA.id, '2021-12-05', 'Tập huấn Đảng bộ Khối các cơ quan', 150),
        dai: await make(tt.grassA.id, '2022-01-03', 'Tập huấn cài đặt ứng dụng cho chi bộ', 35),
        hoa: await make(tt.grassB.id, '2022-03-15', 'Tập huấn quản trị nội dung', 35),
      };
    });

    it('filters by committee subtree, dates (inclusive) and topic, with Content-Range', async () => {
      const sub = await list(token, { filter: { committeeId: tt.districtA.id }, sort: ['heldOn', 'ASC'] }).expect(200);
      expect(sub.body.map((x: any) => x.id)).toEqual([ids.pilot, ids.dai]);
      expect(sub.headers['content-range']).toBe('trainings 0-1/2');

      const dated = await list(token, { filter: { from: '2021-12-05', to: '2022-01-03' }, sort: ['heldOn', 'ASC'] }).expect(200);
      expect(dated.body.map((x: any) => x.id)).toEqual([ids.pilot, ids.dai]);

      const q = await list(token, { filter: { q: 'cai dat' } }).expect(200);
      expect(q.body.map((x: any) => x.id)).toEqual([ids.dai]);

      const many = await list(token, { filter: { id: [ids.trial, ids.hoa] } }).expect(200);
      expect(many.body.map((x: any) => x.id).sort()).toEqual([ids.trial, ids.hoa].sort());
    });

    it('sorts by heldOn (newest first by default), topic and attendees, ties broken by id', async () => {
      const def = await list(token, { range: [0, 99] }).expect(200);
      expect(def.body.map((x: any) => x.id)).toEqual([ids.hoa, ids.dai, ids.pilot, ids.trial]);
      expect(def.headers['content-range']).toBe('trainings 0-3/4');
      const byAttendees = await list(token, { sort: ['attendees', 'DESC'] }).expect(200);
      expect(byAttendees.body[0].id).toBe(ids.pilot);
      expect(byAttendees.body[1].id).toBe(ids.trial);
      // equal attendees: the id decides, in the same direction
      expect(byAttendees.body.slice(2).map((x: any) => x.id)).toEqual([ids.dai, ids.hoa].sort().reverse());
      const byTopic = await list(token, { sort: ['topic', 'ASC'], range: [0, 1] }).expect(200);
      expect(byTopic.headers['content-range']).toBe('trainings 0-1/4');
      expect(byTopic.body.map((x: any) => x.topic)).toEqual([
        'Hội nghị tập huấn triển khai thí điểm',
        'Tập huấn cài đặt ứng dụng cho chi bộ',
      ]);
    });

    it('refuses a bad filter or sort with 400 INVALID_LIST_QUERY', async () => {
      const wrong: string[] = [];
      for (const p of [
        { filter: { from: '2022-13-01' } },
        { filter: { from: '2022-02-30' } },
        { filter: { to: 5 } },
        { filter: { committeeId: 'x' } },
        { sort: ['notes', 'ASC'] },
        { filter: { nope: 1 } },
      ]) {
        const res = await list(token, p);
        if (res.status !== 400 || res.body.code !== 'INVALID_LIST_QUERY') wrong.push(`${JSON.stringify(p)}: ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  });
});
