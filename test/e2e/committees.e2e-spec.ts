import { localDate } from '../../src/common/dates.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Committee } from '../../src/committees/committee.entity.js';
import { createCommittee, createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ITEM_KEYS = [
  'archivedAt',
  'childCount',
  'code',
  'createdAt',
  'depth',
  'id',
  'kind',
  'mergedIntoId',
  'name',
  'parentId',
  'path',
  'phase',
  'phaseStartedAt',
  'targetInstallRate',
  'updatedAt',
].sort();

type ListParams = { sort?: unknown; range?: unknown; filter?: unknown };
/** `?sort=..&range=..&filter=..` as ra-data-simple-rest sends it; a string is sent as is (for malformed JSON). */
const listUrl = (p: ListParams = {}) =>
  '/api/committees?' +
  Object.entries(p)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');

const withoutRequestId = (body: Record<string, unknown>) => {
  const { requestId, ...rest } = body;
  expect(typeof requestId).toBe('string');
  return rest;
};

/** The server dates in Vietnam time. */
const vnToday = () => localDate();

let codeSeq = 0;
const newCode = (prefix = 'TN') => `${prefix}-${Date.now().toString(36)}-${++codeSeq}`;

describe('committees', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  const get = (token: string, url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`);
  const list = (token: string, p: ListParams = {}) => get(token, listUrl(p));
  const post = (token: string, body: object) => t.http().post('/api/committees').set('Authorization', `Bearer ${token}`).send(body);
  const put = (token: string, id: number | string, body: object) =>
    t.http().put(`/api/committees/${id}`).set('Authorization', `Bearer ${token}`).send(body);
  const del = (token: string, id: number | string) => t.http().delete(`/api/committees/${id}`).set('Authorization', `Bearer ${token}`);
  const row = (id: number) => t.db.getRepository(Committee).findOneBy({ id });
  const ids = (body: { id: number }[]) => body.map((c) => c.id);
  const totalRows = async () => Number((await t.db.query(`SELECT count(*)::int AS n FROM committees`))[0].n);

  describe('the admin list contract', () => {
    let tree: Awaited<ReturnType<typeof createTree>>;
    let provinceToken: string;

    beforeAll(async () => {
      tree = await createTree(t.db);
      provinceToken = await tokenFor(t, 'committee_admin', tree.province);
    });

    it('answers a JSON array with Content-Range, sorted and ranged as asked', async () => {
      const total = await totalRows();
      const res = await list(adminToken, { sort: ['name', 'ASC'], range: [0, 1], filter: {} }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-range']).toBe(`committees 0-1/${total}`);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body).toHaveLength(2);

      // the same order as the database gives, ties broken by id
      const expected: number[] = (await t.db.query(`SELECT id FROM committees ORDER BY name ASC, id ASC`)).map((r: any) => r.id);
      const all = await list(adminToken, { sort: ['name', 'ASC'], range: [0, 499], filter: {} }).expect(200);
      expect(ids(all.body)).toEqual(expected);
      expect(all.headers['content-range']).toBe(`committees 0-${total - 1}/${total}`);
      expect(ids(res.body)).toEqual(expected.slice(0, 2));

      const second = await list(adminToken, { sort: ['name', 'ASC'], range: [1, 2], filter: {} }).expect(200);
      expect(ids(second.body)).toEqual(expected.slice(1, 3));
      expect(second.headers['content-range']).toBe(`committees 1-2/${total}`);

      const desc = await list(adminToken, { sort: ['name', 'DESC'], range: [0, 499], filter: {} }).expect(200);
      expect(ids(desc.body)).toEqual([...expected].reverse());
    });

    it('answers [] and `*/<total>` for a range beyond the end', async () => {
      const total = await totalRows();
      const res = await list(adminToken, { sort: ['id', 'ASC'], range: [total + 10, total + 19], filter: {} }).expect(200);
      expect(res.body).toEqual([]);
      expect(res.headers['content-range']).toBe(`committees */${total}`);
    });

    it('answers exactly the asked ids for filter id (getMany)', async () => {
      const res = await list(adminToken, { filter: { id: [tree.grassA.id, tree.branchB.id] } }).expect(200);
      expect(ids(res.body).sort((a, b) => a - b)).toEqual([tree.grassA.id, tree.branchB.id].sort((a, b) => a - b));
      expect(res.headers['content-range']).toBe('committees 0-1/2');
      const one = await list(adminToken, { filter: { id: tree.districtB.id } }).expect(200);
      expect(ids(one.body)).toEqual([tree.districtB.id]);
      const none = await list(adminToken, { filter: { id: [] } }).expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['content-range']).toBe('committees */0');
    });

    it('searches names diacritics- and case-insensitively with q', async () => {
      for (const q of ['dai tu', 'DAI TU', 'Đại Từ', 'huyện ủy đại']) {
        const res = await list(provinceToken, { filter: { q } }).expect(200);
        expect(ids(res.body)).toEqual([tree.districtA.id]);
        expect(res.headers['content-range']).toBe('committees 0-0/1');
      }
      const hoa = await list(provinceToken, { filter: { q: 'dinh hoa' } }).expect(200);
      expect(ids(hoa.body)).toEqual([tree.districtB.id]);
      // q also searches the code
      const byCode = await list(provinceToken, { filter: { q: tree.branchA.code.toLowerCase() } }).expect(200);
      expect(ids(byCode.body)).toEqual([tree.branchA.id]);
      const nothing = await list(provinceToken, { filter: { q: 'khong co ten nay' } }).expect(200);
      expect(nothing.body).toEqual([]);
      expect(nothing.headers['content-range']).toBe('committees */0');
    });

    it('matches % and _ in q literally', async () => {
      const root = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Bắc Kạn' });
      const percent = await createCommittee(t.db, { parent: root, name: 'Tổ 50% cán bộ trẻ' });
      await createCommittee(t.db, { parent: root, name: 'Tổ 50 cán bộ trẻ' });
      const underscore = await createCommittee(t.db, { parent: root, name: 'Ban_X1 tuyên giáo' });
      await createCommittee(t.db, { parent: root, name: 'BanAX1 tuyên giáo' });
      await createCommittee(t.db, { parent: root, name: 'Ban\\X1 tuyên giáo' });

      const p = await list(adminToken, { filter: { q: '50%' } }).expect(200);
      expect(ids(p.body)).toEqual([percent.id]);
      const u = await list(adminToken, { filter: { q: 'ban_x1' } }).expect(200);
      expect(ids(u.body)).toEqual([underscore.id]);
      const onlyPercent = await list(adminToken, { filter: { q: '%' } }).expect(200);
      expect(ids(onlyPercent.body)).toEqual([percent.id]);
    });

    it('filters by parentId and kind, alone and together', async () => {
      const children = await list(provinceToken, { sort: ['id', 'ASC'], filter: { parentId: tree.province.id } }).expect(200);
      expect(ids(children.body)).toEqual([tree.districtA.id, tree.districtB.id]);
      expect(children.headers['content-range']).toBe('committees 0-1/2');

      const branches = await list(provinceToken, { sort: ['id', 'ASC'], filter: { kind: 'branch' } }).expect(200);
      expect(ids(branches.body)).toEqual([tree.branchA.id, tree.branchB.id]);

      const both = await list(provinceToken, { filter: { kind: 'branch', parentId: tree.grassA.id } }).expect(200);
      expect(ids(both.body)).toEqual([tree.branchA.id]);

      const asString = await list(provinceToken, { filter: { parentId: String(tree.grassB.id) } }).expect(200);
      expect(ids(asString.body)).toEqual([tree.branchB.id]);
    });

    it('refuses a bad sort, range or filter with 400 INVALID_LIST_QUERY, never 500', async () => {
      const cases: [ListParams, 'sort' | 'range' | 'filter'][] = [
        [{ sort: ['password', 'ASC'] }, 'sort'],
        [{ sort: ['toString', 'ASC'] }, 'sort'],
        [{ sort: ['__proto__', 'ASC'] }, 'sort'],
        [{ sort: ['name', 'UP'] }, 'sort'],
        [{ sort: ['name'] }, 'sort'],
        [{ sort: '["name","ASC"' }, 'sort'],
        [{ sort: '{"name":"ASC"}' }, 'sort'],
        [{ range: [0, 500] }, 'range'],
        [{ range: [5, 2] }, 'range'],
        [{ range: [-1, 3] }, 'range'],
        [{ range: [0.5, 3] }, 'range'],
        [{ range: '[0,' }, 'range'],
        [{ range: '"0-9"' }, 'range'],
        [{ filter: { nope: 1 } }, 'filter'],
        [{ filter: { constructor: 1 } }, 'filter'],
        [{ filter: '{"__proto__":1}' }, 'filter'],
        [{ filter: 'not json' }, 'filter'],
        [{ filter: [1] }, 'filter'],
        [{ filter: { kind: 'village' } }, 'filter'],
        [{ filter: { parentId: 'abc' } }, 'filter'],
        [{ filter: { parentId: 99999999999 } }, 'filter'],
        [{ filter: { id: ['x'] } }, 'filter'],
        [{ filter: { id: [99999999999] } }, 'filter'],
        [{ filter: { id: ['9999999999'] } }, 'filter'],
        [{ filter: { q: 5 } }, 'filter'],
      ];
      const wrong: string[] = [];
      for (const [params, field] of cases) {
        const res = await list(adminToken, params);
        if (
          res.status !== 400 ||
          res.body.code !== 'INVALID_LIST_QUERY' ||
          res.body.statusCode !== 400 ||
          typeof res.body.message !== 'string' ||
          typeof res.body.errors?.[field] !== 'string'
        ) {
          wrong.push(`${JSON.stringify(params)}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(wrong).toEqual([]);
      // nothing leaked into the process: `__proto__` as a sort field once polluted Object.prototype
      expect(Object.prototype).not.toHaveProperty('c.id');
      await createUser(t.db, 'editor', tree.districtA).then((u) => login(t.http, u));
      await get(adminToken, `/api/committees/${tree.districtA.id}`).expect(200);
    });

    it('answers items with exactly the documented fields', async () => {
      const res = await list(provinceToken, { filter: { id: [tree.province.id, tree.grassA.id] }, sort: ['id', 'ASC'] }).expect(200);
      for (const item of res.body) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      const [province, grass] = res.body;
      expect(province).toMatchObject({
        id: tree.province.id,
        parentId: null,
        path: String(tree.province.id),
        depth: 0,
        childCount: 2,
        kind: 'province',
      });
      expect(grass).toEqual({
        id: tree.grassA.id,
        name: 'Đảng bộ xã Hùng Sơn',
        code: tree.grassA.code,
        kind: 'grassroots',
        parentId: tree.districtA.id,
        path: `${tree.province.id}.${tree.districtA.id}.${tree.grassA.id}`,
        depth: 2,
        childCount: 1,
        phase: 'not_started',
        phaseStartedAt: null,
        targetInstallRate: null,
        archivedAt: null,
        mergedIntoId: null,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const one = await get(provinceToken, `/api/committees/${tree.grassA.id}`).expect(200);
      expect(one.body).toEqual(grass);
    });
  });

  describe('scope', () => {
    let tree: Awaited<ReturnType<typeof createTree>>;
    let districtAdminToken: string;

    beforeAll(async () => {
      tree = await createTree(t.db);
      districtAdminToken = await tokenFor(t, 'committee_admin', tree.districtA);
    });

    it('lists only the subtree of a committee_admin, and counts only it', async () => {
      const res = await list(districtAdminToken, { sort: ['id', 'ASC'], range: [0, 99] }).expect(200);
      expect(ids(res.body)).toEqual([tree.districtA.id, tree.grassA.id, tree.branchA.id]);
      expect(res.headers['content-range']).toBe('committees 0-2/3');
      const page = await list(districtAdminToken, { sort: ['id', 'ASC'], range: [0, 0] }).expect(200);
      expect(page.headers['content-range']).toBe('committees 0-0/3');
      // getMany and search cannot reach outside it either
      const many = await list(districtAdminToken, { filter: { id: [tree.districtB.id, tree.grassB.id, tree.grassA.id] } }).expect(200);
      expect(ids(many.body)).toEqual([tree.grassA.id]);
      expect(many.headers['content-range']).toBe('committees 0-0/1');
      const search = await list(districtAdminToken, { filter: { q: 'dinh hoa' } }).expect(200);
      expect(search.body).toEqual([]);
      expect(search.headers['content-range']).toBe('committees */0');
      const parent = await list(districtAdminToken, { filter: { parentId: tree.province.id } }).expect(200);
      expect(ids(parent.body)).toEqual([tree.districtA.id]);
    });

    it('answers 404 for a committee outside the scope, with the same body as a missing one', async () => {
      const outside = await get(districtAdminToken, `/api/committees/${tree.districtB.id}`).expect(404);
      const missing = await get(districtAdminToken, '/api/committees/2147483647').expect(404);
      expect(outside.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(withoutRequestId(outside.body)).toEqual(withoutRequestId(missing.body));
      await get(districtAdminToken, `/api/committees/${tree.province.id}`).expect(404); // above the home committee
      await get(districtAdminToken, `/api/committees/${tree.branchA.id}`).expect(200);
    });

    it('answers 404 to PUT and DELETE outside the scope, and changes nothing', async () => {
      const before = await row(tree.grassB.id);
      const putRes = await put(districtAdminToken, tree.grassB.id, { name: 'Đã bị đổi tên' }).expect(404);
      expect(putRes.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      const delRes = await del(districtAdminToken, tree.branchB.id).expect(404);
      expect(delRes.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      const moveIn = await put(districtAdminToken, tree.branchB.id, { parentId: tree.grassA.id }).expect(404);
      expect(moveIn.body.code).toBe('NOT_FOUND');

      expect(await row(tree.grassB.id)).toEqual(before);
      expect(await row(tree.branchB.id)).toMatchObject({ id: tree.branchB.id, parentId: tree.grassB.id, path: tree.branchB.path });
    });

    it('shows a secretary of a branch only that branch', async () => {
      const token = await tokenFor(t, 'secretary', tree.branchA);
      const res = await list(token).expect(200);
      expect(ids(res.body)).toEqual([tree.branchA.id]);
      expect(res.headers['content-range']).toBe('committees 0-0/1');
      await get(token, `/api/committees/${tree.grassA.id}`).expect(404);
    });

    it('shows an admin without a home committee everything', async () => {
      const total = await totalRows();
      const res = await list(adminToken, { range: [0, 0] }).expect(200);
      expect(res.headers['content-range']).toBe(`committees 0-0/${total}`);
      await get(adminToken, `/api/committees/${tree.districtB.id}`).expect(200);
      await get(adminToken, `/api/committees/${tree.branchA.id}`).expect(200);
    });

    it('refuses a member token with 403, and a secretary may not write', async () => {
      const memberToken = await tokenFor(t, 'member', tree.branchA);
      const res = await list(memberToken).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      await get(memberToken, `/api/committees/${tree.branchA.id}`).expect(403);

      const secretary = await tokenFor(t, 'secretary', tree.districtA);
      const code = newCode('SEC');
      const create = await post(secretary, { name: 'Chi bộ mới', code, kind: 'branch', parentId: tree.grassA.id }).expect(403);
      expect(create.body.code).toBe('FORBIDDEN');
      expect(await t.db.getRepository(Committee).existsBy({ code })).toBe(false);
      await put(secretary, tree.grassA.id, { name: 'Đổi tên' }).expect(403);
      expect((await row(tree.grassA.id))!.name).toBe(tree.grassA.name);
    });
  });

  describe('create', () => {
    let tree: Awaited<ReturnType<typeof createTree>>;
    let districtAdminToken: string;

    beforeAll(async () => {
      tree = await createTree(t.db);
      districtAdminToken = await tokenFor(t, 'committee_admin', tree.districtA);
    });

    it('lets an admin create a root province, and a committee under it', async () => {
      const code = newCode('BK');
      const res = await post(adminToken, { name: '  Tỉnh ủy Bắc Kạn  ', code, kind: 'province', parentId: null }).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(ITEM_KEYS);
      expect(res.body).toMatchObject({
        name: 'Tỉnh ủy Bắc Kạn',
        code,
        kind: 'province',
        parentId: null,
        path: String(res.body.id),
        depth: 0,
        childCount: 0,
        phase: 'not_started',
        phaseStartedAt: null,
        targetInstallRate: null,
      });
      expect(Number.isInteger(res.body.id)).toBe(true);
      expect((await get(adminToken, `/api/committees/${res.body.id}`).expect(200)).body).toEqual(res.body);

      const child = await post(adminToken, {
        name: 'Huyện ủy Ba Bể',
        code: newCode('BB'),
        kind: 'subordinate',
        parentId: res.body.id,
        targetInstallRate: 0.85,
      }).expect(201);
      expect(child.body).toMatchObject({
        parentId: res.body.id,
        path: `${res.body.id}.${child.body.id}`,
        depth: 1,
        targetInstallRate: 0.85,
      });
      expect((await get(adminToken, `/api/committees/${res.body.id}`).expect(200)).body.childCount).toBe(1);
    });

    it('lets a committee_admin create under a committee of the subtree', async () => {
      const res = await post(districtAdminToken, {
        name: 'Chi bộ xóm Mới',
        code: newCode('DT'),
        kind: 'branch',
        parentId: tree.grassA.id,
      }).expect(201);
      expect(res.body).toMatchObject({ parentId: tree.grassA.id, path: `${tree.grassA.path}.${res.body.id}`, depth: 3 });
      await del(adminToken, res.body.id).expect(200); // keep the tree as createTree made it
    });

    it('refuses a root from a committee_admin, and a parent outside the scope, creating nothing', async () => {
      const code = newCode('X');
      const root = await post(districtAdminToken, { name: 'Tỉnh ủy Giả', code, kind: 'province', parentId: null }).expect(400);
      expect(root.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(root.body.errors).toHaveProperty('parentId');
      const omitted = await post(districtAdminToken, { name: 'Tỉnh ủy Giả', code, kind: 'province' }).expect(400);
      expect(omitted.body.errors).toHaveProperty('parentId');

      const outside = await post(districtAdminToken, { name: 'Chi bộ lạ', code, kind: 'branch', parentId: tree.grassB.id }).expect(400);
      expect(outside.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(outside.body.errors).toHaveProperty('parentId');
      const missing = await post(districtAdminToken, { name: 'Chi bộ lạ', code, kind: 'branch', parentId: 2147483647 }).expect(400);
      expect(withoutRequestId(missing.body)).toEqual(withoutRequestId(outside.body));

      expect(await t.db.getRepository(Committee).existsBy({ code })).toBe(false);
      expect((await get(adminToken, `/api/committees/${tree.grassB.id}`).expect(200)).body.childCount).toBe(1);
    });

    it('enforces which kind may stand under which', async () => {
      const code = newCode('K');
      const res = await post(adminToken, { name: 'Chi bộ sai chỗ', code, kind: 'branch', parentId: tree.districtA.id }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toHaveProperty('kind');
      const root = await post(adminToken, { name: 'Chi bộ gốc', code, kind: 'branch', parentId: null }).expect(400);
      expect(root.body.errors).toHaveProperty('kind');
      const underBranch = await post(adminToken, { name: 'Chi bộ con', code, kind: 'branch', parentId: tree.branchA.id }).expect(400);
      expect(underBranch.body.errors).toHaveProperty('kind');
      expect(await t.db.getRepository(Committee).existsBy({ code })).toBe(false);
    });

    it('answers 409 CODE_TAKEN for a duplicate code', async () => {
      const res = await post(adminToken, { name: 'Trùng mã', code: tree.branchA.code, kind: 'branch', parentId: tree.grassB.id }).expect(
        409,
      );
      expect(res.body).toMatchObject({ statusCode: 409, code: 'CODE_TAKEN' });
      expect(await t.db.getRepository(Committee).countBy({ code: tree.branchA.code })).toBe(1);
    });

    it('reports every invalid field', async () => {
      const res = await post(adminToken, { code: 'mã có dấu!', kind: 'branch', parentId: tree.grassA.id, targetInstallRate: 1.5 }).expect(
        400,
      );
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(Object.keys(res.body.errors).sort()).toEqual(['code', 'name', 'targetInstallRate']);

      const more = await post(adminToken, {
        name: '',
        code: 'A',
        kind: 'village',
        parentId: 'abc',
        phase: 'done',
        phaseStartedAt: '2025-13-40',
        targetInstallRate: -0.1,
        path: '1.2',
      }).expect(400);
      expect(Object.keys(more.body.errors).sort()).toEqual(
        ['code', 'kind', 'name', 'parentId', 'path', 'phase', 'phaseStartedAt', 'targetInstallRate'].sort(),
      );
      expect(await t.db.getRepository(Committee).existsBy({ code: 'A' })).toBe(false);

      // a name of spaces only would be stored as an empty name
      const code = newCode('BL');
      const blank = await post(adminToken, { name: '   ', code, kind: 'branch', parentId: tree.grassA.id }).expect(400);
      expect(Object.keys(blank.body.errors)).toEqual(['name']);
      expect(await t.db.getRepository(Committee).existsBy({ code })).toBe(false);
      const blankPut = await put(adminToken, tree.grassA.id, { name: ' \t ' }).expect(400);
      expect(Object.keys(blankPut.body.errors)).toEqual(['name']);
      expect((await row(tree.grassA.id))!.name).toBe(tree.grassA.name);
    });

    it('dates a phase other than not_started today unless a date is given', async () => {
      const before = vnToday();
      const trial = await post(adminToken, {
        name: 'Chi bộ thí điểm',
        code: newCode('P'),
        kind: 'branch',
        parentId: tree.grassB.id,
        phase: 'trial',
      }).expect(201);
      expect([before, vnToday()]).toContain(trial.body.phaseStartedAt);
      expect(trial.body.phase).toBe('trial');

      const dated = await post(adminToken, {
        name: 'Chi bộ triển khai',
        code: newCode('P'),
        kind: 'branch',
        parentId: tree.grassB.id,
        phase: 'live',
        phaseStartedAt: '2025-03-01',
      }).expect(201);
      expect(dated.body.phaseStartedAt).toBe('2025-03-01');
      expect((await get(adminToken, `/api/committees/${dated.body.id}`).expect(200)).body.phaseStartedAt).toBe('2025-03-01');

      const none = await post(adminToken, { name: 'Chi bộ chưa', code: newCode('P'), kind: 'branch', parentId: tree.grassB.id }).expect(
        201,
      );
      expect(none.body).toMatchObject({ phase: 'not_started', phaseStartedAt: null });
    });
  });

  describe('update', () => {
    it('renames, and keeps the other fields', async () => {
      const tree = await createTree(t.db);
      const res = await put(adminToken, tree.districtA.id, { name: 'Huyện ủy Đại Từ (mới)' }).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(ITEM_KEYS);
      expect(res.body).toMatchObject({
        id: tree.districtA.id,
        name: 'Huyện ủy Đại Từ (mới)',
        code: tree.districtA.code,
        kind: 'subordinate',
        parentId: tree.province.id,
        path: tree.districtA.path,
        depth: 1,
        childCount: 1,
      });
      expect((await get(adminToken, `/api/committees/${tree.districtA.id}`).expect(200)).body).toEqual(res.body);
    });

    it('dates a phase change today unless a date is given; the same phase keeps its date', async () => {
      const tree = await createTree(t.db);
      const before = vnToday();
      const pilot = await put(adminToken, tree.grassA.id, { phase: 'pilot' }).expect(200);
      expect(pilot.body.phase).toBe('pilot');
      expect([before, vnToday()]).toContain(pilot.body.phaseStartedAt);

      const live = await put(adminToken, tree.grassA.id, { phase: 'live', phaseStartedAt: '2025-02-01' }).expect(200);
      expect(live.body).toMatchObject({ phase: 'live', phaseStartedAt: '2025-02-01' });

      const same = await put(adminToken, tree.grassA.id, { phase: 'live', name: 'Đảng bộ xã Hùng Sơn (mới)' }).expect(200);
      expect(same.body).toMatchObject({ phase: 'live', phaseStartedAt: '2025-02-01' });
      expect((await get(adminToken, `/api/committees/${tree.grassA.id}`).expect(200)).body.phaseStartedAt).toBe('2025-02-01');
    });

    it('moves a committee with its whole subtree to another parent', async () => {
      const tree = await createTree(t.db);
      const provinceToken = await tokenFor(t, 'committee_admin', tree.province);
      const districtAToken = await tokenFor(t, 'committee_admin', tree.districtA);

      const res = await put(provinceToken, tree.grassA.id, { parentId: tree.districtB.id }).expect(200);
      const newPath = `${tree.districtB.path}.${tree.grassA.id}`;
      expect(res.body).toMatchObject({ id: tree.grassA.id, parentId: tree.districtB.id, path: newPath, depth: 2, childCount: 1 });

      const branch = await get(provinceToken, `/api/committees/${tree.branchA.id}`).expect(200);
      expect(branch.body).toMatchObject({ parentId: tree.grassA.id, path: `${newPath}.${tree.branchA.id}`, depth: 3 });
      expect((await get(provinceToken, `/api/committees/${tree.districtA.id}`).expect(200)).body.childCount).toBe(0);
      expect((await get(provinceToken, `/api/committees/${tree.districtB.id}`).expect(200)).body.childCount).toBe(2);
      const underB = await list(provinceToken, { sort: ['id', 'ASC'], filter: { parentId: tree.districtB.id } }).expect(200);
      expect(ids(underB.body)).toEqual([tree.grassB.id, tree.grassA.id].sort((a, b) => a - b));

      // the scope follows the tree: district A no longer sees what moved away
      await get(districtAToken, `/api/committees/${tree.branchA.id}`).expect(404);
      const aList = await list(districtAToken).expect(200);
      expect(ids(aList.body)).toEqual([tree.districtA.id]);
      // and the other subtrees were not touched
      expect((await row(tree.branchB.id))!.path).toBe(tree.branchB.path);
    });

    it('lets an admin make a province a root, with its subtree', async () => {
      const central = await createCommittee(t.db, { kind: 'central', name: 'Trung ương thử nghiệm' });
      const province = await createCommittee(t.db, { parent: central, name: 'Tỉnh ủy Tuyên Quang' });
      const district = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Sơn Dương' });
      const res = await put(adminToken, province.id, { parentId: null }).expect(200);
      expect(res.body).toMatchObject({ parentId: null, path: String(province.id), depth: 0, childCount: 1 });
      const child = await get(adminToken, `/api/committees/${district.id}`).expect(200);
      expect(child.body).toMatchObject({ parentId: province.id, path: `${province.id}.${district.id}`, depth: 1 });
      expect((await get(adminToken, `/api/committees/${central.id}`).expect(200)).body.childCount).toBe(0);
    });

    it('refuses to move a committee under itself or a descendant (409), changing nothing', async () => {
      const tree = await createTree(t.db);
      const before = await t.db.getRepository(Committee).find({ order: { id: 'ASC' } });
      const intoGrand = await put(adminToken, tree.districtA.id, { parentId: tree.grassA.id }).expect(409);
      expect(intoGrand.body).toMatchObject({ statusCode: 409, code: 'MOVE_INTO_OWN_SUBTREE' });
      const intoBranch = await put(adminToken, tree.districtA.id, { parentId: tree.branchA.id, name: 'Không được đổi' }).expect(409);
      expect(intoBranch.body.code).toBe('MOVE_INTO_OWN_SUBTREE');
      const intoSelf = await put(adminToken, tree.grassA.id, { parentId: tree.grassA.id }).expect(409);
      expect(intoSelf.body.code).toBe('MOVE_INTO_OWN_SUBTREE');
      expect(await t.db.getRepository(Committee).find({ order: { id: 'ASC' } })).toEqual(before);
      expect((await get(adminToken, `/api/committees/${tree.districtA.id}`).expect(200)).body.name).toBe('Huyện ủy Đại Từ');
    });

    it('forbids a committee_admin to move or re-kind the home committee (403), but not to rename it as the dashboard does', async () => {
      const tree = await createTree(t.db);
      const token = await tokenFor(t, 'committee_admin', tree.districtA);
      const before = await row(tree.districtA.id);

      const move = await put(token, tree.districtA.id, { parentId: tree.districtB.id }).expect(403);
      expect(move.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const rekind = await put(token, tree.districtA.id, { kind: 'grassroots' }).expect(403);
      expect(rekind.body.code).toBe('FORBIDDEN');
      const remove = await del(token, tree.districtA.id).expect(403);
      expect(remove.body.code).toBe('FORBIDDEN');
      expect(await row(tree.districtA.id)).toEqual(before);

      // the dashboard's edit form sends every writable field, kind and parentId unchanged included
      const res = await put(token, tree.districtA.id, {
        name: 'Huyện ủy Đại Từ (đã sửa)',
        code: tree.districtA.code,
        kind: tree.districtA.kind,
        parentId: tree.districtA.parentId,
        phase: 'not_started',
        phaseStartedAt: null,
        targetInstallRate: 0.9,
      }).expect(200);
      expect(res.body).toMatchObject({
        name: 'Huyện ủy Đại Từ (đã sửa)',
        kind: 'subordinate',
        parentId: tree.province.id,
        targetInstallRate: 0.9,
      });
    });

    it('refuses a move out of the scope, a wrong kind, a duplicate code and invalid fields, changing nothing', async () => {
      const tree = await createTree(t.db);
      const token = await tokenFor(t, 'committee_admin', tree.districtA);
      const before = await t.db.getRepository(Committee).find({ order: { id: 'ASC' } });

      const outside = await put(token, tree.grassA.id, { parentId: tree.districtB.id }).expect(400);
      expect(outside.body.errors).toHaveProperty('parentId');
      const toRoot = await put(token, tree.grassA.id, { parentId: null }).expect(400);
      expect(toRoot.body.errors).toHaveProperty('parentId');
      const kind = await put(adminToken, tree.branchA.id, { parentId: tree.districtB.id }).expect(400);
      expect(kind.body.errors).toHaveProperty('kind');
      const kindWithChildren = await put(adminToken, tree.grassA.id, { kind: 'branch' }).expect(400);
      expect(kindWithChildren.body.errors).toHaveProperty('kind');
      const dup = await put(adminToken, tree.grassA.id, { code: tree.grassB.code }).expect(409);
      expect(dup.body.code).toBe('CODE_TAKEN');
      const invalid = await put(adminToken, tree.grassA.id, { targetInstallRate: 1.5, code: 'có dấu' }).expect(400);
      expect(Object.keys(invalid.body.errors).sort()).toEqual(['code', 'targetInstallRate']);

      expect(await t.db.getRepository(Committee).find({ order: { id: 'ASC' } })).toEqual(before);
    });
  });

  describe('delete', () => {
    it('refuses a committee with children (409) and keeps it', async () => {
      const tree = await createTree(t.db);
      const res = await del(adminToken, tree.grassA.id).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'COMMITTEE_NOT_EMPTY' });
      await get(adminToken, `/api/committees/${tree.grassA.id}`).expect(200);
    });

    it('refuses a committee with a member record or an account (409) and keeps it', async () => {
      const tree = await createTree(t.db);
      await createMember(t.db, tree.branchA);
      const res = await del(adminToken, tree.branchA.id).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'COMMITTEE_NOT_EMPTY' });
      await get(adminToken, `/api/committees/${tree.branchA.id}`).expect(200);

      await createUser(t.db, 'secretary', tree.branchB);
      const withAccount = await del(adminToken, tree.branchB.id).expect(409);
      expect(withAccount.body.code).toBe('COMMITTEE_NOT_EMPTY');
      await get(adminToken, `/api/committees/${tree.branchB.id}`).expect(200);
    });

    it('deletes an empty committee and answers the deleted record', async () => {
      const tree = await createTree(t.db);
      const token = await tokenFor(t, 'committee_admin', tree.districtA);
      const shown = (await get(token, `/api/committees/${tree.branchA.id}`).expect(200)).body;
      const res = await del(token, tree.branchA.id).expect(200);
      expect(res.body).toEqual(shown);
      const gone = await get(token, `/api/committees/${tree.branchA.id}`).expect(404);
      expect(gone.body.code).toBe('NOT_FOUND');
      expect(await row(tree.branchA.id)).toBeNull();
      expect((await get(token, `/api/committees/${tree.grassA.id}`).expect(200)).body.childCount).toBe(0);
      await del(token, tree.branchA.id).expect(404);
    });
  });

  describe('the audit log', () => {
    const auditOf = async (token: string, filter: object) =>
      (
        await get(
          token,
          `/api/audit-log?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent('["id","ASC"]')}`,
        ).expect(200)
      ).body as any[];

    it('records create, update (the diff), move (from, to, subtree size) and delete, readable by the subtree admins', async () => {
      const tree = await createTree(t.db);
      const token = await tokenFor(t, 'committee_admin', tree.province);
      const code = newCode('AU');
      const created = await post(token, { name: 'Chi bộ mới', code, kind: 'branch', parentId: tree.grassA.id }).expect(201);
      const id = created.body.id;
      await put(token, id, { name: 'Chi bộ mới (đổi tên)', targetInstallRate: 0.9, code }).expect(200);
      await put(token, tree.grassA.id, { parentId: tree.districtB.id }).expect(200);
      await put(token, id, { name: 'Chi bộ mới (đổi tên)' }).expect(200); // nothing changed: no line
      await del(token, id).expect(200);

      // the whole tree's admin reads every line; a subtree admin reads the lines whose committee still stands in the subtree
      const lines = await auditOf(adminToken, { entityType: 'committee', entityId: id });
      expect(lines.map((l) => l.action)).toEqual(['committee.create', 'committee.update', 'committee.delete']);
      expect(lines[0]).toMatchObject({ committeeId: id, details: { name: 'Chi bộ mới', code, kind: 'branch', parentId: tree.grassA.id } });
      expect(lines[1]).toMatchObject({
        committeeId: id,
        details: { changes: { name: ['Chi bộ mới', 'Chi bộ mới (đổi tên)'], targetInstallRate: [null, 0.9] } },
      });
      expect(Object.keys(lines[1].details.changes).sort()).toEqual(['name', 'targetInstallRate']);
      // the deleted committee is gone; the line stays with its parent so the subtree's admins can read it
      expect(lines[2]).toMatchObject({ committeeId: tree.grassA.id, details: { name: 'Chi bộ mới (đổi tên)', code } });
      expect((await auditOf(token, { entityType: 'committee', entityId: id })).map((l) => l.action)).toEqual(['committee.delete']);

      const moves = await auditOf(token, { action: 'committee.move', entityId: tree.grassA.id });
      expect(moves).toHaveLength(1);
      expect(moves[0]).toMatchObject({
        committeeId: tree.grassA.id,
        details: { fromParentId: tree.districtA.id, toParentId: tree.districtB.id, subtreeSize: 3 },
      });
      // the district B admin, whose subtree it joined, reads it too
      const districtB = await tokenFor(t, 'committee_admin', tree.districtB);
      expect(await auditOf(districtB, { action: 'committee.move', entityId: tree.grassA.id })).toHaveLength(1);
    });

    it('writes nothing when a change is refused', async () => {
      const tree = await createTree(t.db);
      const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'committee.%'`);
      await put(adminToken, tree.districtA.id, { parentId: tree.grassA.id }).expect(409);
      await post(adminToken, { name: 'Trùng', code: tree.branchA.code, kind: 'branch', parentId: tree.grassA.id }).expect(409);
      await del(adminToken, tree.grassA.id).expect(409);
      const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'committee.%'`);
      expect(after).toBe(before);
    });

    it('refuses to clear a field that cannot be empty (400), never a 500', async () => {
      const tree = await createTree(t.db);
      const res = await put(adminToken, tree.grassA.id, { phase: null, kind: null, name: null, code: null }).expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['code', 'kind', 'name', 'phase']);
      expect(await row(tree.grassA.id)).toMatchObject({ name: tree.grassA.name, kind: 'grassroots', phase: 'not_started' });
    });
  });

  describe('bad ids', () => {
    it('answers 400, not 500, to an id that is not a committee id', async () => {
      const wrong: string[] = [];
      for (const id of ['abc', '99999999999', '0', '-1', '1.5', '2147483648']) {
        for (const [method, res] of [
          ['GET', await get(adminToken, `/api/committees/${id}`)],
          ['PUT', await put(adminToken, id, { name: 'Tên' })],
          ['DELETE', await del(adminToken, id)],
        ] as const) {
          if (res.status !== 400 || res.body.code !== 'BAD_REQUEST' || !res.body.errors?.id) {
            wrong.push(`${method} ${id}: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });
});
