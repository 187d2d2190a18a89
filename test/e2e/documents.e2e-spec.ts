import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '../../src/documents/document.entity.js';
import type { Committee } from '../../src/committees/committee.entity.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;

describe('documents: editing, targeting, mobile reading, bookmarks', () => {
  let t: TestApp;
  let dataDir: string;
  let tree: Tree;
  let admin: string;
  let editorA: string;
  let editorB: string;
  let memberA: string;
  let memberB: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body?: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const countDocuments = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM documents'))[0].n);
  /** Every item of a member's feed, following nextCursor to the end. */
  const feedIds = async (token: string, query = '') => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await as(token)
        .get(`/api/me/documents?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sotay-documents-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    tree = await createTree(t.db);
    admin = await tokenFor(t, 'admin', null);
    editorA = await tokenFor(t, 'editor', tree.districtA);
    editorB = await tokenFor(t, 'editor', tree.districtB);
    memberA = await tokenFor(t, 'member', tree.branchA);
    memberB = await tokenFor(t, 'member', tree.branchB);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('editors', () => {
    it('create a draft in their scope, publish it (publishedAt set once), unpublish and republish keeping publishedAt', async () => {
      const created = await as(editorA)
        .post('/api/documents', {
          committeeId: tree.districtA.id,
          title: '  Nghị quyết về công tác xây dựng Đảng năm 2025 ',
          number: '05-NQ/HU',
          type: 'resolution',
          issuingBody: 'Ban Thường vụ Huyện ủy Đại Từ',
          issuedOn: '2025-01-20',
          summary: 'Tập trung nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng.',
          tags: ['xây dựng Đảng', ' Xây dựng  Đảng ', 'chi bộ'],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        committeeId: tree.districtA.id,
        committeeName: tree.districtA.name,
        title: 'Nghị quyết về công tác xây dựng Đảng năm 2025',
        number: '05-NQ/HU',
        type: 'resolution',
        issuedOn: '2025-01-20',
        tags: ['xây dựng Đảng', 'chi bộ'],
        status: 'draft',
        publishedAt: null,
        file: null,
      });
      const id = created.body.id;
      // members never see drafts
      await as(memberA).get(`/api/me/documents/${id}`).expect(404);

      const published = await as(editorA).put(`/api/documents/${id}`, { status: 'published' }).expect(200);
      expect(published.body.status).toBe('published');
      const publishedAt = published.body.publishedAt;
      expect(Date.parse(publishedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await as(memberA).get(`/api/me/documents/${id}`).expect(200)).body.title).toBe(
        'Nghị quyết về công tác xây dựng Đảng năm 2025',
      );

      const unpublished = await as(editorA).put(`/api/documents/${id}`, { status: 'draft' }).expect(200);
      expect(unpublished.body).toMatchObject({ status: 'draft', publishedAt });
      await as(memberA).get(`/api/me/documents/${id}`).expect(404);
      const again = await as(editorA).put(`/api/documents/${id}`, { status: 'published', number: null }).expect(200);
      expect(again.body).toMatchObject({ status: 'published', publishedAt, number: null });

      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'document' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'document.create',
        'document.publish',
        'document.unpublish',
        'document.publish',
      ]);
    });

    it("refuse to publish outside the editor's subtree (400 on committeeId) and change nothing", async () => {
      const before = await countDocuments();
      const body = { title: 'Chỉ thị', type: 'directive', issuingBody: 'Huyện ủy' };
      for (const committeeId of [tree.districtB.id, tree.province.id, tree.branchB.id, 999999]) {
        const res = await as(editorA)
          .post('/api/documents', { ...body, committeeId })
          .expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { committeeId: 'committee not found' } });
      }
      // without committeeId: the editor's home committee
      const home = await as(editorA).post('/api/documents', body).expect(201);
      expect(home.body.committeeId).toBe(tree.districtA.id);
      // moving a document out of scope is refused the same way
      const moved = await as(editorA).put(`/api/documents/${home.body.id}`, { committeeId: tree.districtB.id }).expect(400);
      expect(moved.body.errors).toEqual({ committeeId: 'committee not found' });
      expect((await as(editorA).get(`/api/documents/${home.body.id}`).expect(200)).body.committeeId).toBe(tree.districtA.id);
      expect(await countDocuments()).toBe(before + 1);
    });

    it('answer 404 for a document of a sibling district, for every route, and leave it unchanged', async () => {
      const docB = await createDocument(t.db, tree.districtB, { title: 'Kết luận của Huyện ủy Định Hóa', status: 'draft' });
      await as(editorA).get(`/api/documents/${docB.id}`).expect(404);
      await as(editorA).put(`/api/documents/${docB.id}`, { title: 'Đổi tên' }).expect(404);
      await as(editorA).delete(`/api/documents/${docB.id}`).expect(404);
      await as(editorA).get(`/api/documents/${docB.id}/file`).expect(404);
      await as(editorA).delete(`/api/documents/${docB.id}/file`).expect(404);
      await as(editorA).get('/api/documents/not-a-uuid').expect(404);
      const list = await as(editorA)
        .get(`/api/documents?filter=${encodeURIComponent(JSON.stringify({ id: [docB.id] }))}`)
        .expect(200);
      expect(list.body).toEqual([]);
      const still = await as(editorB).get(`/api/documents/${docB.id}`).expect(200);
      expect(still.body).toMatchObject({ title: 'Kết luận của Huyện ủy Định Hóa', status: 'draft' });
    });

    it('validate fields with per-field errors', async () => {
      const before = await countDocuments();
      const res = await as(editorA)
        .post('/api/documents', {
          title: '   ',
          type: 'memo',
          issuingBody: 'Huyện ủy',
          issuedOn: '20/01/2025',
          tags: ['', 'x'.repeat(51)],
          extra: 1,
        })
        .expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['extra', 'issuedOn', 'tags', 'type']);
      const blank = await as(editorA)
        .post('/api/documents', { title: '   ', type: 'other', issuingBody: 'Huyện ủy', issuedOn: '2025-02-30' })
        .expect(400);
      expect(blank.body.errors).toEqual({ title: 'title cannot be empty', issuedOn: 'issuedOn is not a real date' });
      expect(await countDocuments()).toBe(before);
      const doc = await createDocument(t.db, tree.districtA);
      const cleared = await as(editorA).put(`/api/documents/${doc.id}`, { title: null, type: null }).expect(400);
      expect(cleared.body.errors).toEqual({ title: 'title cannot be empty', type: 'type cannot be empty' });
    });

    it('list with the admin-list contract: filters, diacritics-insensitive search, sort, Content-Range', async () => {
      const grass = await createCommittee(t.db, { parent: tree.districtA, name: 'Đảng bộ thị trấn Hùng Sơn' });
      const mk = (over: Partial<Document>) => createDocument(t.db, grass, over);
      const a = await mk({
        title: 'Hướng dẫn sinh hoạt chi bộ theo chuyên đề',
        type: 'guidance',
        number: '12-HD/BTCTU',
        issuedOn: '2024-05-02',
        tags: ['sinh hoạt'],
      });
      const b = await mk({
        title: 'Quy định về kiểm tra, giám sát',
        type: 'regulation',
        number: '22-QĐ/TW',
        issuedOn: '2023-09-01',
        summary: 'Về công tác kiểm tra của Đảng',
      });
      const c = await mk({
        title: 'Tài liệu học tập nghị quyết',
        type: 'study_material',
        number: null,
        issuedOn: null,
        status: 'draft',
        tags: ['sinh hoạt', 'học tập'],
      });
      const list = (filter: object, sort = '["title","ASC"]') =>
        as(editorA).get(
          `/api/documents?filter=${encodeURIComponent(JSON.stringify({ committeeId: grass.id, ...filter }))}&sort=${encodeURIComponent(sort)}&range=[0,9]`,
        );

      const all = await list({}).expect(200);
      expect(all.headers['content-range']).toBe('documents 0-2/3');
      expect(all.body.map((d: { id: string }) => d.id)).toEqual([a.id, b.id, c.id]); // by title (ASC)
      expect((await list({ q: 'huong dan sinh hoat' }).expect(200)).body.map((d: any) => d.id)).toEqual([a.id]);
      expect((await list({ q: 'KIEM TRA CUA DANG' }).expect(200)).body.map((d: any) => d.id)).toEqual([b.id]); // the summary
      expect((await list({ q: '22-qđ' }).expect(200)).body.map((d: any) => d.id)).toEqual([b.id]); // the number
      expect((await list({ type: ['guidance', 'regulation'] }).expect(200)).body).toHaveLength(2);
      expect((await list({ status: 'draft' }).expect(200)).body.map((d: any) => d.id)).toEqual([c.id]);
      expect((await list({ tag: 'sinh hoạt' }).expect(200)).body.map((d: any) => d.id)).toEqual([a.id, c.id]);
      expect((await list({ issuedFrom: '2024-01-01', issuedTo: '2024-12-31' }).expect(200)).body.map((d: any) => d.id)).toEqual([a.id]);
      expect((await list({}, '["issuedOn","DESC"]').expect(200)).body.map((d: any) => d.id)).toEqual([a.id, b.id, c.id]);
      expect((await list({ issuedFrom: '2024-02-30' }).expect(400)).body.code).toBe('INVALID_LIST_QUERY');
      expect((await list({ nope: 1 }).expect(400)).body.code).toBe('INVALID_LIST_QUERY');
      // district B's editor does not see district A's subtree at all
      const other = await as(editorB)
        .get(`/api/documents?filter=${encodeURIComponent(JSON.stringify({ committeeId: grass.id }))}`)
        .expect(200);
      expect(other.headers['content-range']).toBe('documents */0');
    });

    it('delete a document, answering it as it was', async () => {
      const doc = await createDocument(t.db, tree.districtA, { title: 'Văn bản sẽ xóa' });
      const res = await as(editorA).delete(`/api/documents/${doc.id}`).expect(200);
      expect(res.body).toMatchObject({ id: doc.id, title: 'Văn bản sẽ xóa', status: 'published' });
      await as(editorA).get(`/api/documents/${doc.id}`).expect(404);
      await as(memberA).get(`/api/me/documents/${doc.id}`).expect(404);
    });
  });

  describe('targeting of the mobile reading routes', () => {
    let docs: Record<string, Document>;

    beforeAll(async () => {
      const mk = (c: Committee, title: string, over: Partial<Document> = {}) => createDocument(t.db, c, { title, ...over });
      docs = {
        province: await mk(tree.province, 'Nghị quyết Đại hội Đảng bộ tỉnh'),
        districtA: await mk(tree.districtA, 'Chỉ thị của Huyện ủy Đại Từ', { type: 'directive' }),
        grassA: await mk(tree.grassA, 'Kế hoạch của Đảng ủy xã Hùng Sơn', { type: 'other' }),
        branchA: await mk(tree.branchA, 'Tài liệu sinh hoạt chi bộ xóm Đồng Kè', { type: 'study_material' }),
        districtB: await mk(tree.districtB, 'Chỉ thị của Huyện ủy Định Hóa', { type: 'directive' }),
        branchB: await mk(tree.branchB, 'Tài liệu sinh hoạt chi bộ xóm Bản Lác', { type: 'study_material' }),
        provinceDraft: await mk(tree.province, 'Dự thảo nghị quyết tỉnh', { status: 'draft' }),
        branchADraft: await mk(tree.branchA, 'Dự thảo của chi bộ', { status: 'draft' }),
      };
    });

    it("a member of branch A sees the province, their district, grassroots and branch, never district B's items nor drafts", async () => {
      const seen = await feedIds(memberA);
      for (const k of ['province', 'districtA', 'grassA', 'branchA']) expect(seen).toContain(docs[k].id);
      for (const k of ['districtB', 'branchB', 'provinceDraft', 'branchADraft']) expect(seen).not.toContain(docs[k].id);
      expect(new Set(seen).size).toBe(seen.length);

      const seenB = await feedIds(memberB);
      expect(seenB).toEqual(expect.arrayContaining([docs.province.id, docs.districtB.id, docs.branchB.id]));
      for (const k of ['districtA', 'grassA', 'branchA', 'provinceDraft']) expect(seenB).not.toContain(docs[k].id);
    });

    it("the detail answers 404 for a draft and for another district's item, exactly like a missing one", async () => {
      const missing = await as(memberA).get('/api/me/documents/00000000-0000-4000-8000-000000000000').expect(404);
      for (const k of ['districtB', 'branchB', 'provinceDraft', 'branchADraft']) {
        const res = await as(memberA).get(`/api/me/documents/${docs[k].id}`).expect(404);
        expect({ ...res.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
        await as(memberA).get(`/api/me/documents/${docs[k].id}/file`).expect(404);
      }
      const ok = await as(memberA).get(`/api/me/documents/${docs.province.id}`).expect(200);
      expect(ok.body).toEqual({
        id: docs.province.id,
        title: 'Nghị quyết Đại hội Đảng bộ tỉnh',
        number: docs.province.number,
        type: 'resolution',
        issuingBody: docs.province.issuingBody,
        issuedOn: '2024-03-15',
        publishedAt: docs.province.publishedAt!.toISOString(),
        hasFile: false,
        bookmarked: false,
        summary: docs.province.summary,
        tags: [],
        publisherName: tree.province.name,
        file: null,
      });
    });

    it('list items are compact, filter by type, and search without diacritics', async () => {
      const page = await as(memberA).get('/api/me/documents?type=study_material').expect(200);
      expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([docs.branchA.id]);
      expect(Object.keys(page.body.items[0]).sort()).toEqual([
        'bookmarked',
        'hasFile',
        'id',
        'issuedOn',
        'issuingBody',
        'number',
        'publishedAt',
        'title',
        'type',
      ]);
      const found = await as(memberA)
        .get(`/api/me/documents?q=${encodeURIComponent('chi thi cua huyen uy')}`)
        .expect(200);
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([docs.districtA.id]); // not district B's
      const none = await as(memberA)
        .get(`/api/me/documents?q=${encodeURIComponent('du thao')}`)
        .expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
      await as(memberA).get('/api/me/documents?type=memo').expect(400);
      await as(memberA).get('/api/me/documents?limit=51').expect(400);
      const bad = await as(memberA).get('/api/me/documents?cursor=bm90LWEtY3Vyc29y').expect(400);
      expect(bad.body.code).toBe('INVALID_CURSOR');
    });

    it('answers ETag and 304 on repeat; a change (a new bookmark, an edit) changes the ETag', async () => {
      const first = await as(memberA).get('/api/me/documents?limit=50').expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/"[\w-]+"$/);
      const repeat = await as(memberA).get('/api/me/documents?limit=50').set('If-None-Match', etag).expect(304);
      expect(repeat.text).toBeFalsy();
      expect(repeat.headers.etag).toBe(etag);
      await as(memberA).put(`/api/me/bookmarks/${docs.grassA.id}`).expect(204);
      const changed = await as(memberA).get('/api/me/documents?limit=50').set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);

      const detail = await as(memberA).get(`/api/me/documents/${docs.districtA.id}`).expect(200);
      await as(memberA).get(`/api/me/documents/${docs.districtA.id}`).set('If-None-Match', detail.headers.etag).expect(304);
      await as(editorA).put(`/api/documents/${docs.districtA.id}`, { summary: 'Tóm tắt đã sửa' }).expect(200);
      const edited = await as(memberA).get(`/api/me/documents/${docs.districtA.id}`).set('If-None-Match', detail.headers.etag).expect(200);
      expect(edited.body.summary).toBe('Tóm tắt đã sửa');
      const bookmarks = await as(memberA).get('/api/me/bookmarks').expect(200);
      await as(memberA).get('/api/me/bookmarks').set('If-None-Match', bookmarks.headers.etag).expect(304);
    });
  });

  it('pages by cursor without duplicates or gaps while documents are published meanwhile', async () => {
    // a tree of its own, so that the feed holds exactly the documents of this test
    const province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Bắc Kạn' });
    const district = await createCommittee(t.db, { parent: province });
    const grass = await createCommittee(t.db, { parent: district });
    const branch = await createCommittee(t.db, { parent: grass });
    const reader = await tokenFor(t, 'member', branch);
    const base = Date.now() - 3_600_000;
    const minutes = [0, -1, -2, -2, -2, -3, -4, -5]; // three share a publication time, across a page boundary
    const original: string[] = [];
    for (const [i, m] of minutes.entries()) {
      const c = [province, district, grass, branch][i % 4];
      original.push((await createDocument(t.db, c, { publishedAt: new Date(base + m * 60_000) })).id);
    }
    const page = async (cursor: string | null) =>
      (
        await as(reader)
          .get(`/api/me/documents?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200)
      ).body as {
        items: { id: string; publishedAt: string }[];
        nextCursor: string | null;
      };

    const first = await page(null);
    expect(first.items).toHaveLength(3);
    // meanwhile: a newer document, one dated between the pages, one sharing the last item's time, and a draft
    const newer = await createDocument(t.db, province, { title: 'Mới đăng' });
    const lastTime = new Date(first.items[2].publishedAt);
    const between = await createDocument(t.db, branch, { publishedAt: new Date(base - 3.5 * 60_000) });
    const tie = await createDocument(t.db, district, { publishedAt: lastTime });
    await createDocument(t.db, branch, { status: 'draft' });

    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(cursor);
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    for (const id of original) expect(ids.filter((x) => x === id)).toHaveLength(1); // no gaps
    expect(ids).not.toContain(newer.id); // published above the first page: the next refresh shows it
    expect(ids).toContain(between.id); // dated after the cursor: it falls into a later page
    // ordered by publishedAt DESC, id DESC throughout
    const keys = seen.map((i) => [Date.parse(i.publishedAt), i.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [pt, pid] = keys[i - 1];
      const [ct, cid] = keys[i];
      expect(pt > ct || (pt === ct && pid > cid)).toBe(true);
    }
    // the tie sorts by id against the first page's last item: it is on a later page only if it comes after it
    expect(ids.includes(tie.id)).toBe(tie.id < first.items[2].id);
    // a fresh first page shows the newer document on top
    expect((await page(null)).items[0].id).toBe(newer.id);
  });

  describe('bookmarks', () => {
    it('are idempotent, flagged in lists, paged by bookmark time, and hidden (not an error) once the document is unpublished', async () => {
      const branch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Khuôn Ngục' });
      const reader = await tokenFor(t, 'member', branch);
      const d1 = await createDocument(t.db, branch, { title: 'Văn bản 1' });
      const d2 = await createDocument(t.db, tree.districtA, { title: 'Văn bản 2' });
      const d3 = await createDocument(t.db, tree.province, { title: 'Văn bản 3' });
      const draft = await createDocument(t.db, branch, { status: 'draft' });
      const elsewhere = await createDocument(t.db, tree.districtB);

      for (const d of [d1, d2, d3]) await as(reader).put(`/api/me/bookmarks/${d.id}`).expect(204);
      await as(reader).put(`/api/me/bookmarks/${d1.id}`).expect(204); // again: nothing changes
      await as(reader).put(`/api/me/bookmarks/${draft.id}`).expect(404);
      await as(reader).put(`/api/me/bookmarks/${elsewhere.id}`).expect(404);
      await as(reader).put('/api/me/bookmarks/nope').expect(404);
      const rows = await t.db.query(
        `SELECT document_id FROM document_bookmarks b JOIN users u ON u.id = b.user_id WHERE u.committee_id = $1`,
        [branch.id],
      );
      expect(rows).toHaveLength(3);

      const first = await as(reader).get('/api/me/bookmarks?limit=2').expect(200);
      expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([d3.id, d2.id]);
      expect(first.body.items[0]).toMatchObject({ title: 'Văn bản 3', bookmarked: true });
      expect(Date.parse(first.body.items[0].bookmarkedAt)).toBeGreaterThan(Date.now() - 60_000);
      const second = await as(reader).get(`/api/me/bookmarks?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body).toMatchObject({ items: [{ id: d1.id }], nextCursor: null });

      const feed = await as(reader).get('/api/me/documents?limit=50').expect(200);
      const flag = (id: string) => feed.body.items.find((i: { id: string }) => i.id === id)?.bookmarked;
      expect([flag(d1.id), flag(d2.id), flag(d3.id)]).toEqual([true, true, true]);
      expect(feed.body.items.filter((i: { bookmarked: boolean }) => i.bookmarked)).toHaveLength(3);
      // another reader's flags are their own
      const other = await as(memberA).get('/api/me/documents?limit=50').expect(200);
      expect(other.body.items.find((i: { id: string }) => i.id === d2.id)?.bookmarked).toBe(false);

      // unpublished: hidden from the bookmarks, back when published again
      await as(editorA).put(`/api/documents/${d2.id}`, { status: 'draft' }).expect(200);
      const hidden = await as(reader).get('/api/me/bookmarks').expect(200);
      expect(hidden.body.items.map((i: { id: string }) => i.id)).toEqual([d3.id, d1.id]);
      await as(editorA).put(`/api/documents/${d2.id}`, { status: 'published' }).expect(200);
      expect((await as(reader).get('/api/me/bookmarks').expect(200)).body.items).toHaveLength(3);

      await as(reader).delete(`/api/me/bookmarks/${d3.id}`).expect(204);
      await as(reader).delete(`/api/me/bookmarks/${d3.id}`).expect(204);
      expect((await as(reader).get('/api/me/bookmarks').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([d2.id, d1.id]);
      // a deleted document takes its bookmarks with it
      await as(editorA).delete(`/api/documents/${d1.id}`).expect(200);
      expect((await as(reader).get('/api/me/bookmarks').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([d2.id]);
    });
  });

  it("keeps members out of the editors' routes and lets an admin of the whole tree read everything published", async () => {
    await as(memberA).get('/api/documents').expect(403);
    await as(memberA).post('/api/documents', { title: 'x', type: 'other', issuingBody: 'y' }).expect(403);
    const adminFeed = await as(admin).get('/api/me/documents?limit=50').expect(200);
    const drafts = await t.db.query(`SELECT id FROM documents WHERE status = 'draft'`);
    const ids = adminFeed.body.items.map((i: { id: string }) => i.id);
    for (const { id } of drafts) expect(ids).not.toContain(id);
    expect(ids.length).toBeGreaterThan(10);
  });
});
