import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { analyseField } from '../../src/faq/vietnamese-text.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('FAQ', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let editor: string; // editor of the province
  let editorA: string; // editor of district A
  let editorB: string; // editor of district B
  let memberA: string; // member of a branch of district A
  let memberB: string; // member of a branch of district B
  let secretaryA: string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    editor = await tokenFor(t, 'editor', tree.province);
    editorA = await tokenFor(t, 'editor', tree.districtA);
    editorB = await tokenFor(t, 'committee_admin', tree.districtB);
    memberA = await tokenFor(t, 'member', tree.branchA);
    memberB = await tokenFor(t, 'member', tree.branchB);
    secretaryA = await tokenFor(t, 'secretary', tree.branchA);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const create = (token: string, body: object) => t.http().post('/api/faqs').set(auth(token)).send(body);
  const ask = (token: string, q: string) => t.http().get('/api/faqs/answer').query({ q }).set(auth(token));
  const list = (token: string, query: Record<string, unknown> = {}) =>
    t
      .http()
      .get('/api/faqs')
      .query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])))
      .set(auth(token));
  const unanswered = (token: string, filter: object = {}) =>
    t
      .http()
      .get('/api/faqs/unanswered')
      .query({ filter: JSON.stringify(filter) })
      .set(auth(token));
  const row = async (id: string) => (await t.db.query(`SELECT * FROM faqs WHERE id = $1`, [id]))[0];
  const entry = (over: object = {}) => ({
    committeeId: tree.province.id,
    question: 'Mức đóng đảng phí hằng tháng là bao nhiêu?',
    answer: 'Đảng viên hưởng lương đóng 1% tiền lương hằng tháng.',
    category: 'Đảng phí',
    keywords: ['đóng đảng phí bao nhiêu', 'mức đảng phí'],
    published: true,
    ...over,
  });

  describe('entries (editors)', () => {
    it('creates, reads, lists, updates and deletes an entry; the answer is sanitised and every change audited', async () => {
      const created = await create(
        editor,
        entry({
          question: '  Thẻ đảng   được phát khi nào? ',
          answer: '<p>Sau khi <strong>chính thức</strong>.</p><script>alert(1)</script>',
          category: 'Thẻ đảng',
          keywords: [' phát thẻ đảng ', 'Phat the dang', 'chờ thẻ đảng'],
        }),
      ).expect(201);
      expect(created.body).toMatchObject({
        committeeId: tree.province.id,
        committeeName: 'Tỉnh ủy Thái Nguyên',
        question: 'Thẻ đảng được phát khi nào?',
        answer: '<p>Sau khi <strong>chính thức</strong>.</p>',
        category: 'Thẻ đảng',
        keywords: ['phát thẻ đảng', 'chờ thẻ đảng'],
        published: true,
      });
      const id = created.body.id;
      // the search columns are kept by the trigger
      const stored = await row(id);
      expect(stored.search_text).toBe('the dang duoc phat khi nao? phat the dang cho the dang');
      expect(stored.search_vector).toMatch(/'the_dang'/);

      expect((await t.http().get(`/api/faqs/${id}`).set(auth(editor)).expect(200)).body).toEqual(created.body);

      const found = await list(editor, {
        filter: { q: 'the dang', category: 'Thẻ đảng', published: true },
        sort: ['question', 'ASC'],
        range: [0, 9],
      }).expect(200);
      expect(found.headers['content-range']).toBe('faqs 0-0/1');
      expect(found.body.map((f: { id: string }) => f.id)).toEqual([id]);
      expect((await list(editor, { filter: { published: false } }).expect(200)).body.map((f: { id: string }) => f.id)).not.toContain(id);

      // new wording and keywords: the search follows
      const updated = await t
        .http()
        .put(`/api/faqs/${id}`)
        .set(auth(editor))
        .send({ keywords: ['cấp thẻ đảng lần đầu'], published: true })
        .expect(200);
      expect(updated.body.keywords).toEqual(['cấp thẻ đảng lần đầu']);
      expect(new Date(updated.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());
      expect((await row(id)).search_text).toBe('the dang duoc phat khi nao? cap the dang lan dau');
      const answer = await ask(memberA, 'cap the dang lan dau').expect(200);
      expect(answer.body.answered).toBe(true);
      expect(answer.body.matches[0]).toMatchObject({
        id,
        question: 'Thẻ đảng được phát khi nào?',
        answer: '<p>Sau khi <strong>chính thức</strong>.</p>',
      });

      const deleted = await t.http().delete(`/api/faqs/${id}`).set(auth(editor)).expect(200);
      expect(deleted.body).toMatchObject({ id, question: 'Thẻ đảng được phát khi nào?' });
      await t.http().get(`/api/faqs/${id}`).set(auth(editor)).expect(404);
      expect(await row(id)).toBeUndefined();

      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'faq' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['faq.create', 'faq.update', 'faq.delete']);
    });

    it('validates entries: fields, blank answers after sanitising, unknown fields', async () => {
      const bad = await create(editor, {
        committeeId: tree.province.id,
        question: 'ab',
        answer: '',
        category: '',
        keywords: ['x'.repeat(201)],
        extra: 1,
      }).expect(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['answer', 'category', 'extra', 'keywords', 'question']);
      const blank = await create(editor, entry({ answer: '<script>alert(1)</script>' })).expect(400);
      expect(blank.body.errors).toEqual({ answer: 'answer should not be empty' });
      // null is not "left out": refused in every field (an empty list is how to send no keywords)
      expect(Object.keys((await create(editor, entry({ keywords: null })).expect(400)).body.errors)).toEqual(['keywords']);
      const made = await create(editor, entry({ question: 'Đảng viên đi làm ăn xa có được miễn sinh hoạt không?', keywords: [] })).expect(
        201,
      );
      expect(made.body.keywords).toEqual([]);
      for (const field of ['question', 'answer', 'category', 'keywords', 'published', 'committeeId']) {
        const refused = await t
          .http()
          .put(`/api/faqs/${made.body.id}`)
          .set(auth(editor))
          .send({ [field]: null })
          .expect(400);
        expect(Object.keys(refused.body.errors)).toEqual([field]);
      }
      expect(await row(made.body.id)).toMatchObject({
        question: made.body.question,
        category: made.body.category,
        published: made.body.published,
      });
      await t.http().delete(`/api/faqs/${made.body.id}`).set(auth(editor)).expect(200);
      const list0 = await list(editor, { filter: { color: 'red' } }).expect(400);
      expect(list0.body.code).toBe('INVALID_LIST_QUERY');
    });

    it("keeps editors to their subtree: another district's entries answer 404, and publishing outside is refused", async () => {
      const a = await create(
        editorA,
        entry({
          committeeId: tree.districtA.id,
          question: 'Lịch tiếp dân của Huyện ủy Đại Từ?',
          category: 'Tiếp dân',
          keywords: ['tiếp dân huyện ủy'],
        }),
      ).expect(201);
      const before = await row(a.body.id);
      for (const req of [
        t.http().get(`/api/faqs/${a.body.id}`),
        t.http().put(`/api/faqs/${a.body.id}`).send({ question: 'Đổi câu hỏi' }),
        t.http().delete(`/api/faqs/${a.body.id}`),
      ]) {
        const res = await req.set(auth(editorB)).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(await row(a.body.id)).toEqual(before);
      expect((await list(editorB).expect(200)).body.map((f: { id: string }) => f.id)).not.toContain(a.body.id);
      // the province's editor sees the district's entry; the district's editor cannot publish for the province
      expect(
        (await list(editor, { filter: { committeeId: tree.districtA.id } }).expect(200)).body.map((f: { id: string }) => f.id),
      ).toContain(a.body.id);
      const outside = await create(editorA, entry({ committeeId: tree.province.id })).expect(400);
      expect(outside.body.errors).toEqual({ committeeId: 'committee not found' });
      const moved = await t.http().put(`/api/faqs/${a.body.id}`).set(auth(editorA)).send({ committeeId: tree.districtB.id }).expect(400);
      expect(moved.body.errors).toEqual({ committeeId: 'committee not found' });
      expect(await row(a.body.id)).toEqual(before);
    });

    it('is for editors only: members and secretaries may ask, not manage', async () => {
      for (const token of [memberA, secretaryA]) {
        await list(token).expect(403);
        await create(token, entry()).expect(403);
        await unanswered(token).expect(403);
      }
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM faqs WHERE question = $1`, [
        'Mức đóng đảng phí hằng tháng là bao nhiêu?',
      ]);
      expect(n).toBe(0);
      expect((await ask(secretaryA, 'đảng phí').expect(200)).body).toHaveProperty('answered');
    });
  });

  describe('automatic answers', () => {
    let province: string;
    let districtA: string;
    let draft: string;

    beforeAll(async () => {
      province = (await create(editor, entry()).expect(201)).body.id;
      districtA = (
        await create(
          editorA,
          entry({
            committeeId: tree.districtA.id,
            question: 'Chi bộ xóm Đồng Kè họp ở nhà văn hóa nào?',
            category: 'Sinh hoạt chi bộ',
            keywords: ['địa điểm họp chi bộ xóm Đồng Kè'],
          }),
        ).expect(201)
      ).body.id;
      draft = (
        await create(
          editor,
          entry({ question: 'Chuyển sinh hoạt đảng tạm thời khi nào?', keywords: ['chuyển sinh hoạt tạm thời'], published: false }),
        ).expect(201)
      ).body.id;
    });

    it('answers members with and without diacritics, best match first, scores in [0,1]', async () => {
      for (const q of ['đóng đảng phí bao nhiêu', 'dong dang phi bao nhieu', 'dangr phis dong bao nhieu']) {
        const res = await ask(memberA, q).expect(200);
        expect([q, res.body.answered, res.body.matches[0].id]).toEqual([q, true, province]);
        expect(res.body.matches.length).toBeLessThanOrEqual(5);
        for (const m of res.body.matches) {
          expect(Object.keys(m).sort()).toEqual(['answer', 'id', 'question', 'score']);
          expect(m.score).toBeGreaterThan(0);
          expect(m.score).toBeLessThanOrEqual(1);
        }
      }
    });

    it("targets the committee chain: a district's entry reaches its own members only; drafts reach nobody", async () => {
      const a = await ask(memberA, 'chi bộ xóm Đồng Kè họp ở đâu').expect(200);
      expect(a.body.answered).toBe(true);
      expect(a.body.matches[0].id).toBe(districtA);
      const b = await ask(memberB, 'chi bộ xóm Đồng Kè họp ở đâu').expect(200);
      expect(b.body.matches.map((m: { id: string }) => m.id)).not.toContain(districtA);
      // the province's entry reaches district B as well
      expect((await ask(memberB, 'mức đảng phí').expect(200)).body.matches[0].id).toBe(province);
      for (const token of [memberA, editor]) {
        const res = await ask(token, 'chuyển sinh hoạt đảng tạm thời').expect(200);
        expect(res.body.matches.map((m: { id: string }) => m.id)).not.toContain(draft);
      }
    });

    it('sees a change made by another process: the entries kept in memory follow the FAQ revision', async () => {
      const made = (
        await create(
          editor,
          entry({ question: 'Chi bộ có tổ chức tham quan di tích lịch sử không?', keywords: ['đi tham quan di tích'] }),
        ).expect(201)
      ).body;
      const q = 'chi bo co di tham quan di tich lich su khong';
      const first = async (question: string) => (await ask(memberA, question).expect(200)).body.matches.map((m: { id: string }) => m.id);
      // made through the API of this process: seen at the next question
      expect((await first(q))[0]).toBe(made.id);
      // written straight to the database, as another instance of the app would: on a PostgreSQL
      // server its NOTIFY arrives at commit, asynchronously (faq-notify.e2e-spec.ts); on the
      // embedded database the next question reads the revision
      const soon = async (check: () => Promise<boolean>) => {
        for (const deadline = Date.now() + 5000; !(await check()); await new Promise((r) => setTimeout(r, 20)))
          if (Date.now() > deadline) throw new Error('the change was not seen within 5 s');
      };
      await t.db.query(`UPDATE faqs SET published = false WHERE id = $1`, [made.id]);
      await soon(async () => !(await first(q)).includes(made.id));
      await t.db.query(`UPDATE faqs SET published = true, keywords = '{"xem di tích"}' WHERE id = $1`, [made.id]);
      await soon(async () => (await first('xem di tích'))[0] === made.id);
      await t.db.query(`DELETE FROM faqs WHERE id = $1`, [made.id]);
      await soon(async () => !(await first(q)).includes(made.id));
    });

    it('validates q: 2 to 300 characters with letters or digits', async () => {
      for (const q of [undefined, 'a', 'x'.repeat(301), '?!', '   ']) {
        const req = t.http().get('/api/faqs/answer').set(auth(memberA));
        const res = await (q === undefined ? req : req.query({ q })).expect(400);
        expect([q, Object.keys(res.body.errors ?? {})]).toEqual([q, ['q']]);
      }
      await t.http().get('/api/faqs/answer').query({ q: 'đảng phí', extra: 1 }).set(auth(memberA)).expect(400);
      await t.http().get('/api/faqs/answer').query({ q: 'đảng phí' }).expect(401);
    });

    it('is not swallowed by /api/faqs/{id}', async () => {
      expect((await ask(memberA, 'đảng phí').expect(200)).body).toHaveProperty('matches');
      expect(Array.isArray((await unanswered(editor).expect(200)).body)).toBe(true);
    });

    it('stores search lexemes split exactly as the application splits text: syllables and adjacent pairs', async () => {
      for (const text of ['Đảng phí: 1% lương (QĐ 124-QĐ/TW)', 'Thủ tục chuyển sinh hoạt đảng chính thức?', 'ĐĂNG NHẬP lần đầu']) {
        const [{ lexemes }] = await t.db.query(`SELECT faq_search_lexemes($1) AS lexemes`, [text]);
        const words = analyseField(text).plain;
        expect(new Set(lexemes)).toEqual(new Set([...words, ...words.slice(1).map((w, i) => `${words[i]}_${w}`)]));
      }
    });
  });

  describe('the queue of unanswered questions', () => {
    it('records a question without a confident answer once, counting how often it is asked', async () => {
      const first = await ask(memberA, 'Giá vàng hôm nay bao nhiêu?').expect(200);
      expect(first.body.answered).toBe(false);
      await ask(memberA, 'gia vang hom nay bao nhieu').expect(200);
      const rows = await t.db.query(`SELECT * FROM unanswered_questions WHERE normalized = 'gia vang hom nay bao nhieu'`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        text: 'Giá vàng hôm nay bao nhiêu?',
        times_asked: 2,
        committee_id: tree.branchA.id,
        status: 'open',
        faq_id: null,
      });
      expect(new Date(rows[0].last_asked_at).getTime()).toBeGreaterThanOrEqual(new Date(rows[0].first_asked_at).getTime());
      // answered questions are not queued; nothing about the asker but the committee is kept
      await ask(memberA, 'mức đảng phí').expect(200);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM unanswered_questions WHERE normalized = 'muc dang phi'`);
      expect(n).toBe(0);
      expect(Object.keys(rows[0]).sort()).toEqual([
        'committee_id',
        'faq_id',
        'first_asked_at',
        'id',
        'last_asked_at',
        'normalized',
        'status',
        'text',
        'times_asked',
      ]);
    });

    it("lists them for editors of the asker's tree, most asked first; converting one answers the next asker", async () => {
      await ask(memberA, 'Ứng dụng có chế độ chữ to cho người cao tuổi không?').expect(200);
      await ask(memberA, 'ung dung co che do chu to cho nguoi cao tuoi khong').expect(200);
      await ask(memberA, 'ung dung co che do chu to cho nguoi cao tuoi khong?').expect(200);
      const listed = await unanswered(editor, { q: 'che do chu to' }).expect(200);
      expect(listed.headers['content-range']).toBe('unanswered-questions 0-0/1');
      const question = listed.body[0];
      expect(question).toMatchObject({
        text: 'Ứng dụng có chế độ chữ to cho người cao tuổi không?',
        timesAsked: 3,
        committeeId: tree.branchA.id,
        committeeName: 'Chi bộ xóm Đồng Kè',
        status: 'open',
        faqId: null,
      });
      expect(Object.keys(question)).not.toContain('normalized');
      const mostAsked = (await unanswered(editor).expect(200)).body.map((u: { timesAsked: number }) => u.timesAsked);
      expect(mostAsked).toEqual([...mostAsked].sort((a, b) => b - a));
      // district B's staff do not see district A's questions, and cannot act on them
      expect((await unanswered(editorB).expect(200)).body.map((u: { id: string }) => u.id)).not.toContain(question.id);
      const convertBody = {
        answer: 'Có. Vào Cá nhân → Cài đặt → Cỡ chữ để phóng to chữ.',
        category: 'Ứng dụng',
        keywords: ['phóng to chữ'],
        committeeId: tree.province.id,
        published: true,
      };
      await t
        .http()
        .post(`/api/faqs/unanswered/${question.id}/convert`)
        .set(auth(editorB))
        .send({ ...convertBody, committeeId: tree.districtB.id })
        .expect(404);
      await t.http().post(`/api/faqs/unanswered/${question.id}/dismiss`).set(auth(editorB)).expect(404);

      // one step: the entry is created and the question marked converted
      const converted = await t.http().post(`/api/faqs/unanswered/${question.id}/convert`).set(auth(editor)).send(convertBody).expect(200);
      expect(converted.body.faq).toMatchObject({
        question: 'Ứng dụng có chế độ chữ to cho người cao tuổi không?',
        keywords: ['phóng to chữ'],
        committeeId: tree.province.id,
        published: true,
      });
      expect(converted.body.question).toMatchObject({ id: question.id, status: 'converted', faqId: converted.body.faq.id, timesAsked: 3 });
      const next = await ask(memberB, 'ung dung co che do chu to khong').expect(200);
      expect(next.body.answered).toBe(true);
      expect(next.body.matches[0].id).toBe(converted.body.faq.id);

      const again = await t.http().post(`/api/faqs/unanswered/${question.id}/convert`).set(auth(editor)).send(convertBody).expect(409);
      expect(again.body.code).toBe('UNANSWERED_ALREADY_HANDLED');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM faqs WHERE category = 'Ứng dụng'`);
      expect(n).toBe(1);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [converted.body.faq.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['faq.create', 'faq.unanswered.convert']);
    });

    it('keeps the asked wording as a keyword when the editor rewrites the question; refuses a publisher outside the scope without a trace', async () => {
      await ask(memberA, 'co can mang theo the dang khi di hop khong').expect(200);
      const [question] = (await unanswered(editor, { q: 'mang theo the dang' }).expect(200)).body;
      const body = {
        question: 'Đi sinh hoạt chi bộ có phải mang thẻ đảng không?',
        answer: 'Không bắt buộc.',
        category: 'Thẻ đảng',
        committeeId: tree.province.id,
        published: true,
      };
      const refused = await t
        .http()
        .post(`/api/faqs/unanswered/${question.id}/convert`)
        .set(auth(editorA))
        .send({ ...body, committeeId: tree.province.id })
        .expect(400);
      expect(refused.body.errors).toEqual({ committeeId: 'committee not found' });
      expect((await t.db.query(`SELECT status FROM unanswered_questions WHERE id = $1`, [question.id]))[0].status).toBe('open');

      const converted = await t
        .http()
        .post(`/api/faqs/unanswered/${question.id}/convert`)
        .set(auth(editorA))
        .send({ ...body, committeeId: tree.districtA.id })
        .expect(200);
      expect(converted.body.faq.question).toBe('Đi sinh hoạt chi bộ có phải mang thẻ đảng không?');
      expect(converted.body.faq.keywords).toEqual(['co can mang theo the dang khi di hop khong']);
    });

    it('learns from the editors: a question linked to an existing entry becomes its phrasing, and the same question is answered next time', async () => {
      const entryBody = entry({
        question: 'Đi sinh hoạt chi bộ có phải mặc đồng phục không?',
        answer: 'Không bắt buộc đồng phục; đảng viên mặc trang phục lịch sự, gọn gàng.',
        category: 'Sinh hoạt chi bộ',
        keywords: ['trang phục khi sinh hoạt chi bộ'],
      });
      const target = (await create(editor, entryBody).expect(201)).body;
      const asked = 'ông ơi đi họp ở nhà văn hóa thôn thì ăn mặc thế nào cho đúng';
      const before = await ask(memberA, asked).expect(200);
      expect(before.body.answered).toBe(false);
      const [question] = (await unanswered(editor, { q: 'nha van hoa thon' }).expect(200)).body;
      expect(question).toMatchObject({ text: asked, status: 'open' });

      // an entry outside the editor's subtree, or none, is refused without a trace
      const other = (await create(editorB, entry({ committeeId: tree.districtB.id, question: 'Câu hỏi của huyện B?' })).expect(201)).body;
      for (const faqId of [other.id, '00000000-0000-4000-8000-000000000000']) {
        const refused = await t.http().post(`/api/faqs/unanswered/${question.id}/link`).set(auth(editorA)).send({ faqId }).expect(400);
        expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { faqId: 'FAQ entry not found' } });
      }
      await t.http().post(`/api/faqs/unanswered/${question.id}/link`).set(auth(editor)).send({ faqId: 'x' }).expect(400);
      expect((await row(target.id)).keywords).toEqual(['trang phục khi sinh hoạt chi bộ']);
      expect((await t.db.query(`SELECT status FROM unanswered_questions WHERE id = $1`, [question.id]))[0].status).toBe('open');

      const linked = await t
        .http()
        .post(`/api/faqs/unanswered/${question.id}/link`)
        .set(auth(editor))
        .send({ faqId: target.id })
        .expect(200);
      expect(linked.body.faq).toMatchObject({ id: target.id, keywords: ['trang phục khi sinh hoạt chi bộ', asked] });
      expect(linked.body.question).toMatchObject({ id: question.id, status: 'converted', faqId: target.id });
      // the next member asking the same (or without diacritics) gets the entry
      for (const q of [asked, 'ong oi di hop o nha van hoa thon thi an mac the nao cho dung']) {
        const next = await ask(memberB, q).expect(200);
        expect([q, next.body.answered, next.body.matches[0]?.id]).toEqual([q, true, target.id]);
      }
      await t.http().post(`/api/faqs/unanswered/${question.id}/link`).set(auth(editor)).send({ faqId: target.id }).expect(409);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [target.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['faq.create', 'faq.unanswered.link']);
    });

    it('dismisses an open question once', async () => {
      await ask(memberA, 'cách nấu phở bò ngon').expect(200);
      const [question] = (await unanswered(editor, { q: 'nau pho' }).expect(200)).body;
      const dismissed = await t.http().post(`/api/faqs/unanswered/${question.id}/dismiss`).set(auth(editorA)).expect(200);
      expect(dismissed.body).toMatchObject({ id: question.id, status: 'dismissed', faqId: null });
      await t.http().post(`/api/faqs/unanswered/${question.id}/dismiss`).set(auth(editorA)).expect(409);
      // still counted when asked again, but it stays out of the open queue
      await ask(memberA, 'cach nau pho bo ngon').expect(200);
      expect((await unanswered(editor, { status: 'open', q: 'nau pho' }).expect(200)).body).toEqual([]);
      expect((await unanswered(editor, { status: 'dismissed', q: 'nau pho' }).expect(200)).body[0].timesAsked).toBe(2);
      await t.http().post('/api/faqs/unanswered/not-a-uuid/dismiss').set(auth(editor)).expect(404);
    });
  });
});
