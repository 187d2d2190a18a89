import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTree, tokenFor } from '../factories/index.js';
import { createDocument } from '../factories/content.js';
import { createNews } from '../factories/news.js';
import { createSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 19 item 10: a district's staff see what the province sent their members (FAQ entries,
 * surveys, documents, news) beside their own, read only: `filter={"source":"above"}` on the admin lists.
 */
describe('content from the committees above (admin lists, source=above)', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let provinceEditor: string;
  let districtEditor: string;
  let otherDistrict: string;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = (token: string, path: string, filter: object) =>
    t
      .http()
      .get(path)
      .query({ filter: JSON.stringify(filter), range: JSON.stringify([0, 99]) })
      .set(auth(token));
  const faq = async (token: string, committeeId: number, question: string, published = true) =>
    (
      await t
        .http()
        .post('/api/faqs')
        .set(auth(token))
        .send({ committeeId, question, answer: 'Trả lời.', category: 'Chung', keywords: [], published })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    provinceEditor = await tokenFor(t, 'editor', tree.province);
    districtEditor = await tokenFor(t, 'editor', tree.districtA);
    otherDistrict = await tokenFor(t, 'editor', tree.districtB);
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  it('lists the FAQ entries the province published for the district, apart from its own, and leaves them read only', async () => {
    const provincial = await faq(provinceEditor, tree.province.id, 'Đảng viên đóng đảng phí thế nào?');
    await faq(provinceEditor, tree.province.id, 'Bản nháp của tỉnh chưa đăng?', false);
    const own = await faq(districtEditor, tree.districtA.id, 'Lịch sinh hoạt của huyện?');
    await faq(otherDistrict, tree.districtB.id, 'Câu hỏi của huyện khác?');

    const above = await list(districtEditor, '/api/faqs', { source: 'above' }).expect(200);
    expect(above.body.map((f: { id: string }) => f.id)).toEqual([provincial]);
    expect(above.body[0]).toMatchObject({ committeeId: tree.province.id, committeeName: tree.province.name });
    expect(above.headers['content-range']).toBe('faqs 0-0/1');
    // the default (and source=own) is the district's own, as before
    for (const filter of [{}, { source: 'own' }]) {
      expect((await list(districtEditor, '/api/faqs', filter).expect(200)).body.map((f: { id: string }) => f.id)).toEqual([own]);
    }
    // read only: the district cannot change or delete the province's entry
    await t.http().put(`/api/faqs/${provincial}`).set(auth(districtEditor)).send({ question: 'Sửa?' }).expect(404);
    await t.http().delete(`/api/faqs/${provincial}`).set(auth(districtEditor)).expect(404);
    // filters combine with it; the whole tree's admin has nothing above; a bad value is a 400
    expect((await list(districtEditor, '/api/faqs', { source: 'above', q: 'khong co' }).expect(200)).body).toEqual([]);
    expect((await list(admin, '/api/faqs', { source: 'above' }).expect(200)).body).toEqual([]);
    expect((await list(provinceEditor, '/api/faqs', { source: 'above' }).expect(200)).body).toEqual([]);
    const bad = await list(districtEditor, '/api/faqs', { source: 'everywhere' }).expect(400);
    expect(bad.body.code).toBe('INVALID_LIST_QUERY');
  });

  it('lists the surveys the province sent (not its drafts), apart from the district’s own', async () => {
    const sent = await createSurvey(t.db, tree.province, { title: 'Khảo sát của Tỉnh ủy' });
    await createSurvey(t.db, tree.province, { status: 'draft', title: 'Bản nháp của Tỉnh ủy' });
    const own = await createSurvey(t.db, tree.districtA, { title: 'Khảo sát của huyện' });
    await createSurvey(t.db, tree.districtB, { title: 'Khảo sát của huyện khác' });
    const above = await list(districtEditor, '/api/surveys', { source: 'above' }).expect(200);
    expect(above.body.map((s: { id: string }) => s.id)).toEqual([sent.id]);
    expect((await list(districtEditor, '/api/surveys', {}).expect(200)).body.map((s: { id: string }) => s.id)).toEqual([own.id]);
    await t.http().get(`/api/surveys/${sent.id}`).set(auth(districtEditor)).expect(404);
  });

  for (const [resource, create] of [
    ['documents', createDocument],
    ['news', createNews],
  ] as const) {
    it(`lists the published ${resource} of every committee above a grassroots organisation, not its siblings' nor its own`, async () => {
      const grassEditor = await tokenFor(t, 'editor', tree.grassA);
      const fromProvince = await create(t.db, tree.province);
      const fromDistrict = await create(t.db, tree.districtA);
      await create(t.db, tree.province, { status: 'draft', publishedAt: null });
      await create(t.db, tree.districtB); // a sibling district's: it does not reach grassA
      await create(t.db, tree.grassB);
      const own = await create(t.db, tree.grassA);
      const ownBranch = await create(t.db, tree.branchA, { status: 'draft', publishedAt: null });

      const above = await list(grassEditor, `/api/${resource}`, { source: 'above' }).expect(200);
      const ids = (body: { id: string }[]) => body.map((r) => r.id).sort();
      expect(ids(above.body)).toEqual([fromProvince.id, fromDistrict.id].sort());
      expect(above.headers['content-range']).toBe(`${resource} 0-1/2`);
      const byId = new Map(above.body.map((r: { id: string; committeeName: string }) => [r.id, r.committeeName]));
      expect(byId.get(fromProvince.id)).toBe(tree.province.name);
      expect(byId.get(fromDistrict.id)).toBe(tree.districtA.name);
      // the default is the subtree's own (drafts included), as before
      expect(ids((await list(grassEditor, `/api/${resource}`, {}).expect(200)).body)).toEqual([own.id, ownBranch.id].sort());
      // filters combine with it; the district sees only the province's; read only for the grassroots editor
      const q = await list(grassEditor, `/api/${resource}`, { source: 'above', q: fromDistrict.title }).expect(200);
      expect(ids(q.body)).toEqual([fromDistrict.id]);
      const district = await list(districtEditor, `/api/${resource}`, { source: 'above' }).expect(200);
      expect(district.body.map((r: { id: string }) => r.id)).toContain(fromProvince.id);
      expect(district.body.map((r: { id: string }) => r.id)).not.toContain(fromDistrict.id);
      await t.http().get(`/api/${resource}/${fromProvince.id}`).set(auth(grassEditor)).expect(404);
      await t.http().delete(`/api/${resource}/${fromProvince.id}`).set(auth(grassEditor)).expect(404);
      expect((await list(admin, `/api/${resource}`, { source: 'above' }).expect(200)).body).toEqual([]);
      expect((await list(grassEditor, `/api/${resource}`, { source: 'sideways' }).expect(400)).body.code).toBe('INVALID_LIST_QUERY');
    });
  }
});
