import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NewsItem } from '../../src/news/news-item.entity.js';
import { createCommittee, createTree, tokenFor } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

const XSS_BODY = [
  '<p>Hội nghị <strong>sơ kết</strong> công tác quý I</p>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://baothainguyen.vn/anh.jpg" onerror="alert(1)" alt="Ảnh">',
  '<a href="javascript:alert(1)">bấm</a>',
  '<a href="jav&#x09;ascript:alert(1)">bấm nữa</a>',
  '<svg onload=alert(1)></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<p onclick="alert(1)" style="color:red">Đoạn cuối</p>',
].join('');

function expectInert(html: string) {
  expect(html).not.toMatch(/<\s*(script|style|iframe|svg)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|\sstyle\s*=/i);
}

describe('news', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  /** A fresh province tree per test, so each test's feed holds only its own items. */
  async function world() {
    const tree = await createTree(t.db);
    // a second branch inside district A: same district, not the member's chain
    const branchA2 = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' });
    return {
      tree,
      branchA2,
      memberA: await tokenFor(t, 'member', tree.branchA),
      memberB: await tokenFor(t, 'member', tree.branchB),
      editorA: await tokenFor(t, 'editor', tree.districtA),
      editorB: await tokenFor(t, 'editor', tree.districtB),
    };
  }

  const feed = async (token: string, query = '') => (await t.http().get(`/api/me/news${query}`).set(auth(token)).expect(200)).body;
  const rowCount = async () => Number((await t.db.query(`SELECT count(*)::int AS n FROM news_items`))[0].n);
  const valid = (committeeId: number, over: object = {}) => ({
    committeeId,
    title: 'Đại Từ ra quân chuyển đổi số trong công tác đảng',
    summary: 'Các chi bộ triển khai Sổ tay Đảng viên điện tử.',
    body: '<p>Nội dung <em>chi tiết</em>.</p>',
    category: 'party_building',
    ...over,
  });

  describe('targeting', () => {
    it("a member of branch X sees what its chain published, never a draft nor another district's or branch's item", async () => {
      const { tree, branchA2, memberA, memberB } = await world();
      const province = await createNews(t.db, tree.province, { title: 'Tin Tỉnh ủy', publishedAt: minutesAgo(10) });
      const district = await createNews(t.db, tree.districtA, { title: 'Tin Huyện ủy Đại Từ', publishedAt: minutesAgo(9) });
      const grass = await createNews(t.db, tree.grassA, { title: 'Tin xã Hùng Sơn', publishedAt: minutesAgo(8) });
      const branch = await createNews(t.db, tree.branchA, { title: 'Tin chi bộ Đồng Kè', publishedAt: minutesAgo(7) });
      const otherDistrict = await createNews(t.db, tree.districtB, { title: 'Tin Huyện ủy Định Hóa', publishedAt: minutesAgo(6) });
      const otherBranchB = await createNews(t.db, tree.branchB, { title: 'Tin chi bộ Bản Lác', publishedAt: minutesAgo(5) });
      const siblingBranch = await createNews(t.db, branchA2, { title: 'Tin chi bộ Na Mao', publishedAt: minutesAgo(4) });
      const draftBranch = await createNews(t.db, tree.branchA, { title: 'Bản nháp chi bộ', status: 'draft' });
      const draftProvince = await createNews(t.db, tree.province, { title: 'Bản nháp tỉnh', status: 'draft' });
      // published once, then withdrawn: publishedAt is kept but the item is a draft again
      const withdrawn = await createNews(t.db, tree.province, { title: 'Tin đã rút', status: 'draft', publishedAt: minutesAgo(3) });

      const a = await feed(memberA);
      expect(a.items.map((i: any) => i.title)).toEqual(['Tin chi bộ Đồng Kè', 'Tin xã Hùng Sơn', 'Tin Huyện ủy Đại Từ', 'Tin Tỉnh ủy']);
      expect(a.nextCursor).toBeNull();
      expect(a.items.map((i: any) => i.id)).toEqual([branch.id, grass.id, district.id, province.id]);

      const b = await feed(memberB);
      expect(b.items.map((i: any) => i.id)).toEqual([otherBranchB.id, otherDistrict.id, province.id]);

      for (const hidden of [otherDistrict, otherBranchB, siblingBranch, draftBranch, draftProvince, withdrawn]) {
        const res = await t.http().get(`/api/me/news/${hidden.id}`).set(auth(memberA)).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      await t.http().get(`/api/me/news/not-a-uuid`).set(auth(memberA)).expect(404);

      const detail = await t.http().get(`/api/me/news/${district.id}`).set(auth(memberA)).expect(200);
      expect(detail.body).toEqual({
        id: district.id,
        title: 'Tin Huyện ủy Đại Từ',
        summary: district.summary,
        body: district.body,
        category: 'local',
        coverImageUrl: null,
        sourceName: null,
        sourceUrl: null,
        publishedAt: district.publishedAt!.toISOString(),
        committeeName: 'Huyện ủy Đại Từ',
      });
    });

    it('list items are compact: no body, no editor fields', async () => {
      const { tree, memberA } = await world();
      await createNews(t.db, tree.province, {
        sourced: true,
        sourceName: 'Báo Thái Nguyên',
        sourceUrl: 'https://baothainguyen.vn/tin/1',
        coverImageUrl: 'https://baothainguyen.vn/anh/1.jpg',
        category: 'policy',
      });
      const [item] = (await feed(memberA)).items;
      expect(Object.keys(item).sort()).toEqual([
        'category',
        'committeeName',
        'coverImageUrl',
        'id',
        'publishedAt',
        'sourceName',
        'summary',
        'title',
      ]);
      expect(item).toMatchObject({
        category: 'policy',
        sourceName: 'Báo Thái Nguyên',
        coverImageUrl: 'https://baothainguyen.vn/anh/1.jpg',
        committeeName: 'Tỉnh ủy Thái Nguyên',
      });
    });

    it('filters the feed by category', async () => {
      const { tree, memberA } = await world();
      const policy = await createNews(t.db, tree.province, { category: 'policy' });
      await createNews(t.db, tree.districtA, { category: 'local' });
      expect((await feed(memberA, '?category=policy')).items.map((i: any) => i.id)).toEqual([policy.id]);
      const bad = await t.http().get('/api/me/news?category=gossip').set(auth(memberA)).expect(400);
      expect(bad.body.errors).toHaveProperty('category');
    });
  });

  describe('cursor paging', () => {
    it('continues exactly after page 1 while items are published meanwhile: no duplicates, nothing skipped', async () => {
      const { tree, memberA } = await world();
      // 9 items a minute apart, plus two that share one publication time (the id breaks the tie)
      const original: NewsItem[] = [];
      for (let i = 1; i <= 9; i++)
        original.push(await createNews(t.db, i % 2 ? tree.districtA : tree.province, { publishedAt: minutesAgo(100 + i * 10) }));
      const tie = minutesAgo(135);
      original.push(await createNews(t.db, tree.branchA, { publishedAt: tie }), await createNews(t.db, tree.grassA, { publishedAt: tie }));
      const order = (items: { id: string; publishedAt: Date | null }[]) =>
        [...items].sort((x, y) => y.publishedAt!.getTime() - x.publishedAt!.getTime() || (x.id < y.id ? 1 : -1)).map((n) => n.id);
      const expected = order(original);

      const page1 = await feed(memberA, '?limit=4');
      expect(page1.items.map((i: any) => i.id)).toEqual(expected.slice(0, 4));
      expect(page1.nextCursor).toEqual(expect.any(String));
      const first = page1.items[0];
      const last = page1.items[3];

      // meanwhile: news newer than everything, one older than page 1's last, one at exactly its time
      const newer = await createNews(t.db, tree.province, { publishedAt: new Date() });
      const older = await createNews(t.db, tree.districtA, { publishedAt: new Date(new Date(last.publishedAt).getTime() - 1) });
      const sameTime = await createNews(t.db, tree.branchA, { publishedAt: new Date(last.publishedAt) });
      expect(new Date(newer.publishedAt!).getTime()).toBeGreaterThan(new Date(first.publishedAt).getTime());

      const seen: string[] = [...page1.items.map((i: any) => i.id)];
      let cursor: string | null = page1.nextCursor;
      let pages = 1;
      while (cursor) {
        const page = await feed(memberA, `?limit=4&cursor=${cursor}`);
        seen.push(...page.items.map((i: any) => i.id));
        cursor = page.nextCursor;
        if (++pages > 10) throw new Error('the cursor does not end');
      }
      // everything after the cursor position, in order, exactly once; the newer item belongs before page 1
      const all = order([...original, older, sameTime]);
      const lastIndex = all.indexOf(last.id);
      expect(seen.slice(4)).toEqual(all.slice(lastIndex + 1));
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of expected) expect(seen).toContain(id);
      expect(seen).toContain(older.id);
      expect(seen).not.toContain(newer.id);
      // the item at exactly page 1's last time appears on later pages only when its id sorts after
      expect(seen.includes(sameTime.id)).toBe(sameTime.id < last.id);

      // and a fresh first page now starts with the newer item
      expect((await feed(memberA, '?limit=1')).items[0].id).toBe(newer.id);
    });

    it('answers 400 to a cursor it did not give and to a limit beyond 50', async () => {
      const { memberA } = await world();
      const bad = await t.http().get('/api/me/news?cursor=bm90LWEtY3Vyc29y').set(auth(memberA)).expect(400);
      expect(bad.body).toMatchObject({ code: 'INVALID_CURSOR', errors: { cursor: 'invalid cursor' } });
      const sql = Buffer.from(JSON.stringify(['2025-01-01T00:00:00.000Z', "x') OR 1=1 --"])).toString('base64url');
      expect((await t.http().get(`/api/me/news?cursor=${sql}`).set(auth(memberA)).expect(400)).body.code).toBe('INVALID_CURSOR');
      expect((await t.http().get('/api/me/news?limit=51').set(auth(memberA)).expect(400)).body.errors).toHaveProperty('limit');
      expect((await t.http().get('/api/me/news?limit=0').set(auth(memberA)).expect(400)).body.errors).toHaveProperty('limit');
    });
  });

  describe('ETag', () => {
    it('answers 304 to a repeat, and a new ETag once an editor changed the item', async () => {
      const { tree, memberA, editorA } = await world();
      const created = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { status: 'published' }))
        .expect(201);
      const url = `/api/me/news/${created.body.id}`;

      const first = await t.http().get(url).set(auth(memberA)).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const repeat = await t.http().get(url).set(auth(memberA)).set('If-None-Match', etag).expect(304);
      expect(repeat.text ?? '').toBe('');
      expect(repeat.headers.etag).toBe(etag);

      const listFirst = await t.http().get('/api/me/news').set(auth(memberA)).expect(200);
      await t.http().get('/api/me/news').set(auth(memberA)).set('If-None-Match', listFirst.headers.etag).expect(304);

      await t.http().put(`/api/news/${created.body.id}`).set(auth(editorA)).send({ title: 'Tiêu đề đã sửa' }).expect(200);
      const changed = await t.http().get(url).set(auth(memberA)).set('If-None-Match', etag).expect(200);
      expect(changed.body.title).toBe('Tiêu đề đã sửa');
      expect(changed.headers.etag).not.toBe(etag);
      await t.http().get(url).set(auth(memberA)).set('If-None-Match', changed.headers.etag).expect(304);
      const listChanged = await t.http().get('/api/me/news').set(auth(memberA)).set('If-None-Match', listFirst.headers.etag).expect(200);
      expect(listChanged.body.items[0].title).toBe('Tiêu đề đã sửa');
    });
  });

  describe('sanitising', () => {
    it('stores the body without scripts or handlers; editors and members read the same clean HTML', async () => {
      const { tree, memberA, editorA } = await world();
      const created = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { body: XSS_BODY, status: 'published' }))
        .expect(201);
      expectInert(created.body.body);
      expect(created.body.body).toContain('<p>Hội nghị <strong>sơ kết</strong> công tác quý I</p>');
      expect(created.body.body).toContain('<img src="https://baothainguyen.vn/anh.jpg" alt="Ảnh" />');
      expect(created.body.body).toContain('<p>Đoạn cuối</p>');

      const stored = await t.db.getRepository(NewsItem).findOneByOrFail({ id: created.body.id });
      expect(stored.body).toBe(created.body.body);
      const editorView = await t.http().get(`/api/news/${created.body.id}`).set(auth(editorA)).expect(200);
      const memberView = await t.http().get(`/api/me/news/${created.body.id}`).set(auth(memberA)).expect(200);
      expect(editorView.body.body).toBe(stored.body);
      expect(memberView.body.body).toBe(stored.body);

      // an edit is cleaned the same way
      const edited = await t
        .http()
        .put(`/api/news/${created.body.id}`)
        .set(auth(editorA))
        .send({ body: '<p>Mới</p><img src=x onerror=alert(document.cookie)><a href="https://a.vn" onmouseover="x()">link</a>' })
        .expect(200);
      expect(edited.body.body).toBe('<p>Mới</p><a href="https://a.vn" target="_blank" rel="noopener noreferrer">link</a>');
    });

    it('refuses a body that is nothing but disallowed markup, and script URLs as cover image', async () => {
      const { tree, editorA } = await world();
      const before = await rowCount();
      const empty = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { body: '<script>alert(1)</script><p> </p>' }))
        .expect(400);
      expect(empty.body.errors).toHaveProperty('body');
      for (const coverImageUrl of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '//evil.example/x.png']) {
        const res = await t.http().post('/api/news').set(auth(editorA)).send(valid(tree.districtA.id, { coverImageUrl })).expect(400);
        expect(res.body.errors).toHaveProperty('coverImageUrl');
      }
      await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { coverImageUrl: '/api/files/anh-bia.jpg' }))
        .expect(201);
      expect(await rowCount()).toBe(before + 1);
    });
  });

  describe('sources', () => {
    it('requires sourceName and sourceUrl (http or https) for an item compiled from another outlet', async () => {
      const { tree, editorA } = await world();
      const before = await rowCount();
      const missing = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { sourced: true }))
        .expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(Object.keys(missing.body.errors).sort()).toEqual(['sourceName', 'sourceUrl']);
      const blank = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { sourced: true, sourceName: '  ', sourceUrl: 'https://baothainguyen.vn/1' }))
        .expect(400);
      expect(Object.keys(blank.body.errors)).toEqual(['sourceName']);
      const script = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(valid(tree.districtA.id, { sourced: true, sourceName: 'Báo', sourceUrl: 'javascript:alert(1)' }))
        .expect(400);
      expect(script.body.errors).toHaveProperty('sourceUrl');
      expect(await rowCount()).toBe(before);

      const ok = await t
        .http()
        .post('/api/news')
        .set(auth(editorA))
        .send(
          valid(tree.districtA.id, {
            sourced: true,
            sourceName: ' Báo Thái Nguyên ',
            sourceUrl: 'https://baothainguyen.vn/tin-tuc/123.html',
          }),
        )
        .expect(201);
      expect(ok.body).toMatchObject({
        sourced: true,
        sourceName: 'Báo Thái Nguyên',
        sourceUrl: 'https://baothainguyen.vn/tin-tuc/123.html',
        status: 'draft',
        publishedAt: null,
      });

      // an own article turned into a compiled one must name its source too; nothing changes on refusal
      const own = await t.http().post('/api/news').set(auth(editorA)).send(valid(tree.districtA.id)).expect(201);
      const refused = await t
        .http()
        .put(`/api/news/${own.body.id}`)
        .set(auth(editorA))
        .send({ sourced: true, sourceName: 'Báo Nhân Dân' })
        .expect(400);
      expect(Object.keys(refused.body.errors)).toEqual(['sourceUrl']);
      const row = await t.db.getRepository(NewsItem).findOneByOrFail({ id: own.body.id });
      expect(row).toMatchObject({ sourced: false, sourceName: null, sourceUrl: null });
      // clearing the source of a sourced item is refused as well
      await t.http().put(`/api/news/${ok.body.id}`).set(auth(editorA)).send({ sourceUrl: null }).expect(400);
    });
  });

  describe('editors', () => {
    it('publishes, keeps publishedAt across edits and withdrawals, and deletes answering the record', async () => {
      const { tree, memberA, editorA } = await world();
      const draft = await t.http().post('/api/news').set(auth(editorA)).send(valid(tree.districtA.id)).expect(201);
      expect(draft.body).toMatchObject({
        status: 'draft',
        publishedAt: null,
        committeeId: tree.districtA.id,
        committeeName: 'Huyện ủy Đại Từ',
        sourced: false,
      });
      const id = draft.body.id;
      await t.http().get(`/api/me/news/${id}`).set(auth(memberA)).expect(404);

      const published = await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ status: 'published' }).expect(200);
      expect(published.body.publishedAt).toEqual(expect.any(String));
      const publishedAt = published.body.publishedAt;
      expect((await feed(memberA)).items.map((i: any) => i.id)).toEqual([id]);

      const edited = await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ summary: 'Tóm tắt mới' }).expect(200);
      expect(edited.body).toMatchObject({ status: 'published', publishedAt, summary: 'Tóm tắt mới' });

      await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ status: 'draft' }).expect(200);
      await t.http().get(`/api/me/news/${id}`).set(auth(memberA)).expect(404);
      expect((await feed(memberA)).items).toEqual([]);
      const again = await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ status: 'published' }).expect(200);
      expect(again.body.publishedAt).toBe(publishedAt);

      // an archived item's own date may be given with a publication, but not a future one
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(
        (await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ publishedAt: future }).expect(400)).body.errors,
      ).toHaveProperty('publishedAt');
      const dated = await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ publishedAt: '2022-03-04T01:02:03.456Z' }).expect(200);
      expect(dated.body.publishedAt).toBe('2022-03-04T01:02:03.456Z');
      expect(
        (
          await t
            .http()
            .post('/api/news')
            .set(auth(editorA))
            .send(valid(tree.districtA.id, { publishedAt: '2022-03-04T01:02:03.456Z' }))
            .expect(400)
        ).body.errors,
      ).toHaveProperty('publishedAt');
      expect((await t.http().put(`/api/news/${id}`).set(auth(editorA)).send({ title: null }).expect(400)).body.errors).toHaveProperty(
        'title',
      );

      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'news' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: any) => a.action)).toEqual([
        'news.create',
        'news.publish',
        'news.update',
        'news.unpublish',
        'news.publish',
        'news.update',
      ]);

      const deleted = await t.http().delete(`/api/news/${id}`).set(auth(editorA)).expect(200);
      expect(deleted.body).toMatchObject({ id, title: draft.body.title, summary: 'Tóm tắt mới', status: 'published' });
      await t.http().get(`/api/news/${id}`).set(auth(editorA)).expect(404);
      await t.http().get(`/api/me/news/${id}`).set(auth(memberA)).expect(404);
    });

    it('keeps editors inside their subtree: a sibling district sees 404, publishing outside the subtree is a 400', async () => {
      const { tree, editorA, editorB } = await world();
      const item = await createNews(t.db, tree.grassA, { title: 'Tin xã Hùng Sơn' });

      for (const req of [
        t.http().get(`/api/news/${item.id}`),
        t.http().put(`/api/news/${item.id}`).send({ title: 'Chiếm quyền' }),
        t.http().delete(`/api/news/${item.id}`),
      ]) {
        const res = await req.set(auth(editorB));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      const list = await t
        .http()
        .get(`/api/news?filter=${enc({ committeeId: tree.province.id })}`)
        .set(auth(editorB))
        .expect(200);
      expect(list.body.map((n: any) => n.id)).not.toContain(item.id);
      expect(await t.db.getRepository(NewsItem).findOneByOrFail({ id: item.id })).toMatchObject({
        title: 'Tin xã Hùng Sơn',
        committeeId: tree.grassA.id,
      });

      const before = await rowCount();
      for (const committeeId of [tree.districtB.id, tree.branchB.id, tree.province.id, 2_000_000_000]) {
        const res = await t
          .http()
          .post('/api/news')
          .set(auth(editorA))
          .send(valid(committeeId, { status: 'published' }))
          .expect(400);
        expect(res.body.errors).toEqual({ committeeId: 'committee not found' });
      }
      expect(await rowCount()).toBe(before);
      const moved = await t.http().put(`/api/news/${item.id}`).set(auth(editorA)).send({ committeeId: tree.districtB.id }).expect(400);
      expect(moved.body.errors).toEqual({ committeeId: 'committee not found' });
      expect((await t.db.getRepository(NewsItem).findOneByOrFail({ id: item.id })).committeeId).toBe(tree.grassA.id);
      // inside the subtree it moves
      await t.http().put(`/api/news/${item.id}`).set(auth(editorA)).send({ committeeId: tree.branchA.id }).expect(200);
    });

    it('lists with the admin-list contract: filters, sort, Content-Range', async () => {
      const { tree, editorA } = await world();
      await createNews(t.db, tree.districtA, {
        title: 'Hội nghị Ban Thường vụ Huyện ủy',
        publishedAt: minutesAgo(30),
        category: 'party_building',
      });
      await createNews(t.db, tree.branchA, {
        title: 'Chi bộ sinh hoạt chuyên đề',
        publishedAt: minutesAgo(20),
        sourced: true,
        sourceName: 'Báo Thái Nguyên',
        sourceUrl: 'https://baothainguyen.vn/2',
      });
      await createNews(t.db, tree.grassA, { title: 'Nháp hội nghị xã', status: 'draft' });
      await createNews(t.db, tree.districtB, { title: 'Hội nghị Huyện ủy Định Hóa' });

      const all = await t.http().get('/api/news').set(auth(editorA)).expect(200);
      expect(all.headers['content-range']).toBe('news 0-2/3');
      const q = await t
        .http()
        .get(`/api/news?filter=${enc({ q: 'hoi nghi' })}&sort=${enc(['title', 'ASC'])}`)
        .set(auth(editorA))
        .expect(200);
      expect(q.body.map((n: any) => n.title)).toEqual(['Hội nghị Ban Thường vụ Huyện ủy', 'Nháp hội nghị xã']);
      const drafts = await t
        .http()
        .get(`/api/news?filter=${enc({ status: 'draft' })}`)
        .set(auth(editorA))
        .expect(200);
      expect(drafts.body.map((n: any) => n.title)).toEqual(['Nháp hội nghị xã']);
      const sourced = await t
        .http()
        .get(`/api/news?filter=${enc({ sourced: true })}`)
        .set(auth(editorA))
        .expect(200);
      expect(sourced.body.map((n: any) => n.title)).toEqual(['Chi bộ sinh hoạt chuyên đề']);
      const sub = await t
        .http()
        .get(`/api/news?filter=${enc({ committeeId: tree.grassA.id })}&sort=${enc(['publishedAt', 'DESC'])}`)
        .set(auth(editorA))
        .expect(200);
      expect(sub.body.map((n: any) => n.title)).toEqual(['Chi bộ sinh hoạt chuyên đề', 'Nháp hội nghị xã']);
      const bySort = await t
        .http()
        .get(`/api/news?sort=${enc(['publishedAt', 'ASC'])}&range=[0,0]`)
        .set(auth(editorA))
        .expect(200);
      expect(bySort.headers['content-range']).toBe('news 0-0/3');
      await t
        .http()
        .get(`/api/news?sort=${enc(['body', 'ASC'])}`)
        .set(auth(editorA))
        .expect(400);
      await t
        .http()
        .get(`/api/news?filter=${enc({ category: 'gossip' })}`)
        .set(auth(editorA))
        .expect(400);
    });

    it('is not for members or secretaries (403), and a member cannot write through it', async () => {
      const { tree, memberA } = await world();
      const secretary = await tokenFor(t, 'secretary', tree.districtA);
      const before = await rowCount();
      for (const token of [memberA, secretary]) {
        expect((await t.http().get('/api/news').set(auth(token)).expect(403)).body.code).toBe('FORBIDDEN');
        await t
          .http()
          .post('/api/news')
          .set(auth(token))
          .send(valid(tree.branchA.id, { status: 'published' }))
          .expect(403);
      }
      expect(await rowCount()).toBe(before);
      // an admin of the whole tree may publish anywhere
      await t
        .http()
        .post('/api/news')
        .set(auth(admin))
        .send(valid(tree.province.id, { status: 'published' }))
        .expect(201);
    });
  });
});
