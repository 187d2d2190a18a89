import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCommittee, createTree } from '../factories/index.js';
import { createSurvey, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** The create body of the issue: a resolution-study quiz with every kind of block. */
const quizBody = (committeeId: number, over: object = {}) => ({
  title: 'Học tập Nghị quyết Đại hội XIV',
  description: 'Kiểm tra nhận thức sau buổi học tập, quán triệt.',
  kind: 'quiz',
  committeeId,
  opensAt: null,
  closesAt: inDays(14),
  anonymous: false,
  resultsVisibility: 'after_close',
  passMark: 2,
  questions: [
    { text: 'Phần I. Nội dung Nghị quyết', type: 'section', required: false },
    {
      text: 'Đại hội XIV của Đảng diễn ra vào năm nào?',
      type: 'single',
      required: true,
      points: 1,
      options: [{ text: '2025' }, { text: '2026', correct: true }, { text: '2027' }],
    },
    {
      text: 'Những nội dung nào là đột phá chiến lược?',
      type: 'multiple',
      required: true,
      minSelections: 1,
      maxSelections: 3,
      points: 2,
      options: [
        { text: 'Thể chế', correct: true },
        { text: 'Nhân lực', correct: true },
        { text: 'Hạ tầng', correct: true },
        { text: 'Du lịch' },
      ],
    },
    { text: 'Đồng chí đánh giá buổi học tập thế nào?', type: 'rating', required: false },
    { text: 'Ý kiến khác', type: 'long_text', required: false },
  ],
  ...over,
});

const surveyBody = (committeeId: number, over: object = {}) => ({
  title: 'Lấy ý kiến về sinh hoạt chi bộ',
  kind: 'survey',
  committeeId,
  anonymous: true,
  resultsVisibility: 'live',
  questions: [
    {
      text: 'Chi bộ sinh hoạt định kỳ mấy lần một tháng?',
      type: 'single',
      required: true,
      options: [{ text: 'Một lần' }, { text: 'Hai lần' }],
    },
    { text: 'Họ tên người đề xuất (không bắt buộc)', type: 'short_text', required: false },
  ],
  ...over,
});

describe('surveys (staff)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedToken(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  async function world() {
    const tree = await createTree(t.db);
    return {
      tree,
      editorA: await signedToken(t, 'editor', tree.districtA),
      editorB: await signedToken(t, 'editor', tree.districtB),
      adminA: await signedToken(t, 'committee_admin', tree.districtA),
      secretaryA: await signedToken(t, 'secretary', tree.districtA),
      memberA: await signedToken(t, 'member', tree.branchA),
    };
  }
  const count = async (table: string, surveyId: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE survey_id = $1`, [surveyId]))[0].n);
  const respond = (token: string, id: string, answers: object[]) =>
    t.http().post(`/api/surveys/${id}/responses`).set(auth(token)).send({ answers });

  describe('create', () => {
    it("takes the issue's create body and answers the survey with the ids of its questions and options", async () => {
      const { tree, editorA } = await world();
      const res = await t.http().post('/api/surveys').set(auth(editorA)).send(quizBody(tree.districtA.id)).expect(201);
      const s = res.body;
      expect(s).toMatchObject({
        title: 'Học tập Nghị quyết Đại hội XIV',
        description: 'Kiểm tra nhận thức sau buổi học tập, quán triệt.',
        kind: 'quiz',
        committeeId: tree.districtA.id,
        committeeName: 'Huyện ủy Đại Từ',
        status: 'draft',
        opensAt: null,
        anonymous: false,
        resultsVisibility: 'after_close',
        passMark: 2,
        maxScore: 3,
        questionCount: 4,
        respondents: 0,
        resultsVisible: false,
        publishedAt: null,
      });
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(s.questions.map((q: any) => [q.position, q.type, q.required, q.points])).toEqual([
        [0, 'section', false, null],
        [1, 'single', true, 1],
        [2, 'multiple', true, 2],
        [3, 'rating', false, null],
        [4, 'long_text', false, null],
      ]);
      for (const q of s.questions) {
        expect(q.id).toMatch(/^[0-9a-f-]{36}$/);
        for (const o of q.options) expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(s.questions[1].options.map((o: any) => [o.text, o.correct])).toEqual([
        ['2025', false],
        ['2026', true],
        ['2027', false],
      ]);
      expect(s.questions[2]).toMatchObject({ minSelections: 1, maxSelections: 3 });

      // the same through GET, and in the admin list with Content-Range
      const got = await t.http().get(`/api/surveys/${s.id}`).set(auth(editorA)).expect(200);
      expect(got.body).toEqual(s);
      const list = await t
        .http()
        .get(`/api/surveys?filter=${enc({ committeeId: tree.districtA.id })}`)
        .set(auth(editorA))
        .expect(200);
      expect(list.headers['content-range']).toBe('surveys 0-0/1');
      expect(list.body[0]).not.toHaveProperty('questions');
      expect(list.body[0]).toMatchObject({ id: s.id, questionCount: 4, maxScore: 3, status: 'draft' });

      const audit = await t.db.query(`SELECT action, committee_id FROM audit_log WHERE entity_type = 'survey' AND entity_id = $1`, [s.id]);
      expect(audit).toEqual([{ action: 'survey.create', committee_id: tree.districtA.id }]);
    });

    it('a survey (not a quiz) defaults to after_close and not anonymous, and has no scores', async () => {
      const { tree, adminA } = await world();
      const res = await t
        .http()
        .post('/api/surveys')
        .set(auth(adminA))
        .send({
          title: 'Khảo sát nhanh',
          kind: 'survey',
          committeeId: tree.grassA.id,
          questions: [{ text: 'Ý kiến', type: 'short_text', required: true }],
        })
        .expect(201);
      expect(res.body).toMatchObject({
        anonymous: false,
        resultsVisibility: 'after_close',
        passMark: null,
        maxScore: null,
        questionCount: 1,
        description: null,
      });
    });

    it('refuses a definition that does not hold together, with every problem keyed by its path, and stores nothing', async () => {
      const { tree, editorA } = await world();
      const before = Number((await t.db.query(`SELECT count(*)::int AS n FROM surveys`))[0].n);
      const res = await t
        .http()
        .post('/api/surveys')
        .set(auth(editorA))
        .send({
          title: '   ',
          kind: 'survey',
          committeeId: tree.districtA.id,
          opensAt: inDays(5),
          closesAt: inDays(2),
          passMark: 3,
          questions: [
            { text: 'Một lựa chọn', type: 'single', required: true, options: [{ text: 'Chỉ một' }] },
            {
              text: 'Nhiều lựa chọn',
              type: 'multiple',
              required: false,
              minSelections: 3,
              maxSelections: 2,
              options: [{ text: 'A' }, { text: 'a ' }],
            },
            { text: 'Tiêu đề', type: 'section', required: true },
            { text: 'Đánh giá', type: 'rating', required: false, options: [{ text: 'x' }, { text: 'y' }] },
            { text: 'Đúng sai', type: 'single', required: false, points: 2, options: [{ text: 'Đúng', correct: true }, { text: 'Sai' }] },
          ],
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toMatchObject({
        title: 'title must not be blank',
        closesAt: 'closesAt must be after opensAt',
        passMark: 'only a quiz has a passMark',
        'questions.0.options': 'a choice question needs at least 2 options',
        'questions.1.minSelections': 'minSelections is more than the number of options',
        'questions.1.maxSelections': 'maxSelections must not be less than minSelections',
        'questions.1.options.1.text': 'the same option appears twice',
        'questions.2.required': 'a section takes no answer: required must be false',
        'questions.3.options': 'a rating question has no options',
        'questions.4.points': 'only a quiz gives points',
        'questions.4.options.0.correct': 'only a quiz marks correct options',
      });
      expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM surveys`))[0].n)).toBe(before);
    });

    it('checks a quiz: one correct option for single choice, a reachable correct set for multiple, a pass mark within the points', async () => {
      const { tree, editorA } = await world();
      const res = await t
        .http()
        .post('/api/surveys')
        .set(auth(editorA))
        .send(
          quizBody(tree.districtA.id, {
            passMark: 10,
            questions: [
              {
                text: 'Hai đáp án đúng?',
                type: 'single',
                required: true,
                options: [
                  { text: 'A', correct: true },
                  { text: 'B', correct: true },
                ],
              },
              { text: 'Không đáp án đúng', type: 'multiple', required: true, options: [{ text: 'A' }, { text: 'B' }] },
              {
                text: 'Quá nhiều đáp án',
                type: 'multiple',
                required: true,
                maxSelections: 1,
                options: [
                  { text: 'A', correct: true },
                  { text: 'B', correct: true },
                ],
              },
              { text: 'Tự luận có điểm', type: 'short_text', required: false, points: 1 },
            ],
          }),
        )
        .expect(400);
      expect(res.body.errors).toMatchObject({
        'questions.0.options': "a quiz's single-choice question has exactly one correct option",
        'questions.1.options': "a quiz's multiple-choice question has at least one correct option",
        'questions.2.options': 'the correct options (2) must be a selection the question allows (1 to 1)',
        'questions.3.points': 'only choice questions score points',
        passMark: 'passMark must not exceed the total points (3)',
      });
      const noMark = await t
        .http()
        .post('/api/surveys')
        .set(auth(editorA))
        .send(quizBody(tree.districtA.id, { passMark: null }))
        .expect(400);
      expect(noMark.body.errors).toEqual({ passMark: 'a quiz needs a passMark' });
    });

    it('answers field errors of the DTO per path (unknown type, extra field, ids on a new survey)', async () => {
      const { tree, editorA } = await world();
      const res = await t
        .http()
        .post('/api/surveys')
        .set(auth(editorA))
        .send(surveyBody(tree.districtA.id, { questions: [{ text: 'X', type: 'matrix', required: true, colour: 'red' }] }))
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(['questions.0.type', 'questions.0.colour']));
      const ids = await t
        .http()
        .post('/api/surveys')
        .set(auth(editorA))
        .send(
          surveyBody(tree.districtA.id, {
            questions: [{ id: '6f1b1a52-5c0e-4a47-9d7a-3c1f1f3a9e11', text: 'X', type: 'short_text', required: false }],
          }),
        )
        .expect(400);
      expect(ids.body.errors).toEqual({ 'questions.0.id': 'a new survey has no question ids yet; leave id out' });
    });

    it("targets only a committee in the caller's subtree (400 on committeeId), and the roles that manage content", async () => {
      const { tree, editorA, secretaryA, memberA } = await world();
      const res = await t.http().post('/api/surveys').set(auth(editorA)).send(surveyBody(tree.districtB.id)).expect(400);
      expect(res.body.errors).toEqual({ committeeId: 'committee not found' });
      const up = await t.http().post('/api/surveys').set(auth(editorA)).send(surveyBody(tree.province.id)).expect(400);
      expect(up.body.errors).toEqual({ committeeId: 'committee not found' });
      await t.http().post('/api/surveys').set(auth(secretaryA)).send(surveyBody(tree.districtA.id)).expect(403);
      await t.http().post('/api/surveys').set(auth(memberA)).send(surveyBody(tree.districtA.id)).expect(403);
    });
  });

  describe('scope and the admin list', () => {
    it("staff see the surveys targeting their subtree; another district's is a 404", async () => {
      const { tree, editorA, editorB } = await world();
      const a = await createSurvey(t.db, tree.grassA, { title: 'Khảo sát 3 xã Hùng Sơn', status: 'draft' });
      const b = await createSurvey(t.db, tree.districtB, { title: 'Khảo sát 1 Định Hóa' });
      const province = await createSurvey(t.db, tree.province, { title: 'Khảo sát 2 toàn tỉnh' });
      const listA = await t
        .http()
        .get(`/api/surveys?filter=${enc({ id: [a.id, b.id, province.id] })}`)
        .set(auth(editorA))
        .expect(200);
      expect(listA.body.map((s: any) => s.id)).toEqual([a.id]);
      for (const path of [`/api/surveys/${b.id}`, `/api/surveys/${province.id}`, `/api/surveys/not-a-uuid`]) {
        const res = await t.http().get(path).set(auth(editorA)).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      await t.http().get(`/api/surveys/${b.id}`).set(auth(editorB)).expect(200);
      const all = await t
        .http()
        .get(`/api/surveys?filter=${enc({ id: [a.id, b.id, province.id] })}&sort=${enc(['title', 'ASC'])}`)
        .set(auth(admin))
        .expect(200);
      expect(all.body.map((s: any) => s.title)).toEqual(['Khảo sát 1 Định Hóa', 'Khảo sát 2 toàn tỉnh', 'Khảo sát 3 xã Hùng Sơn']);
    });

    it('filters on the reported status (closed by time included), kind, title without diacritics and anonymity', async () => {
      const { tree, editorA } = await world();
      const g = await createCommittee(t.db, { parent: tree.districtA, name: 'Đảng bộ xã Phục Linh' });
      const draft = await createSurvey(t.db, g, { status: 'draft', title: 'Nháp' });
      const open = await createSurvey(t.db, g, {
        title: 'Đang mở',
        kind: 'quiz',
        questions: [{ type: 'single', options: [{ text: 'A', correct: true }, 'B'] }],
      });
      const byTime = await createSurvey(t.db, g, {
        title: 'Hết hạn',
        closesAt: new Date(Date.now() - 60_000),
        opensAt: new Date(Date.now() - 3_600_000),
        anonymous: true,
      });
      const scheduled = await createSurvey(t.db, g, { title: 'Sắp mở', opensAt: new Date(Date.now() + 3_600_000) });
      const byHand = await createSurvey(t.db, g, { title: 'Đã đóng', status: 'closed' });
      const list = async (filter: object) =>
        (
          await t
            .http()
            .get(`/api/surveys?filter=${enc({ committeeId: g.id, ...filter })}`)
            .set(auth(editorA))
            .expect(200)
        ).body
          .map((s: any) => s.id)
          .sort();
      expect(await list({ status: 'closed' })).toEqual([byHand.id, byTime.id].sort());
      expect(await list({ status: 'open' })).toEqual([open.id]);
      expect(await list({ status: ['draft', 'scheduled'] })).toEqual([draft.id, scheduled.id].sort());
      expect(await list({ kind: 'quiz' })).toEqual([open.id]);
      expect(await list({ anonymous: true })).toEqual([byTime.id]);
      expect(await list({ q: 'het han' })).toEqual([byTime.id]);
      const one = await t.http().get(`/api/surveys/${byTime.id}`).set(auth(editorA)).expect(200);
      expect(one.body).toMatchObject({ status: 'closed', closedAt: null, resultsVisible: true });
      const bad = await t
        .http()
        .get(`/api/surveys?filter=${enc({ status: 'archived' })}`)
        .set(auth(editorA))
        .expect(400);
      expect(bad.body.code).toBe('INVALID_LIST_QUERY');
    });
  });

  describe('PUT replaces the definition', () => {
    it('keeps questions and options with an id, creates those without, removes those left out', async () => {
      const { tree, editorA } = await world();
      const created = (await t.http().post('/api/surveys').set(auth(editorA)).send(quizBody(tree.districtA.id)).expect(201)).body;
      const [section, single, multiple, rating] = created.questions;
      const body = quizBody(tree.districtA.id, {
        title: 'Học tập Nghị quyết (sửa)',
        passMark: 1,
        questions: [
          {
            id: single.id,
            text: 'Đại hội XIV diễn ra năm nào? (sửa)',
            type: 'single',
            required: true,
            points: 1,
            options: [
              { id: single.options[1].id, text: '2026', correct: true },
              { id: single.options[0].id, text: 'Năm 2025' },
              { text: 'Năm 2030' },
            ],
          },
          { id: rating.id, text: 'Đánh giá', type: 'rating', required: true },
          { text: 'Câu mới', type: 'short_text', required: false },
        ],
      });
      const res = await t.http().put(`/api/surveys/${created.id}`).set(auth(editorA)).send(body).expect(200);
      const s = res.body;
      expect(s.title).toBe('Học tập Nghị quyết (sửa)');
      expect(s.questions.map((q: any) => q.id).slice(0, 2)).toEqual([single.id, rating.id]);
      expect(s.questions[2].id).not.toBe(multiple.id);
      expect(s.questions.map((q: any) => [q.position, q.text, q.type, q.required])).toEqual([
        [0, 'Đại hội XIV diễn ra năm nào? (sửa)', 'single', true],
        [1, 'Đánh giá', 'rating', true],
        [2, 'Câu mới', 'short_text', false],
      ]);
      expect(s.questions[0].options.map((o: any) => [o.id, o.text, o.correct])).toEqual([
        [single.options[1].id, '2026', true],
        [single.options[0].id, 'Năm 2025', false],
        [expect.any(String), 'Năm 2030', false],
      ]);
      expect(s.maxScore).toBe(1);
      const left = await t.db.query(`SELECT id FROM survey_questions WHERE id = ANY($1::uuid[])`, [[section.id, multiple.id]]);
      expect(left).toEqual([]);
      const options = await t.db.query(`SELECT count(*)::int AS n FROM survey_options WHERE id = $1`, [single.options[2].id]);
      expect(options[0].n).toBe(0);

      // ids of another survey's questions or options are refused
      const other = await createSurvey(t.db, tree.districtA);
      const foreign = await t
        .http()
        .put(`/api/surveys/${created.id}`)
        .set(auth(editorA))
        .send(
          surveyBody(tree.districtA.id, {
            kind: 'quiz',
            passMark: 0,
            questions: [
              {
                id: other.questions[0].id,
                text: 'X',
                type: 'single',
                required: true,
                options: [{ id: other.questions[0].options[0].id, text: 'A', correct: true }, { text: 'B' }],
              },
            ],
          }),
        )
        .expect(400);
      expect(foreign.body.errors).toMatchObject({
        'questions.0.id': 'not a question of this survey',
        'questions.0.options.0.id': 'not an option of this question',
      });
    });

    it('once answered: wording and dates change; structure is 409 SURVEY_HAS_RESPONSES and nothing changes', async () => {
      const { tree, editorA } = await world();
      const created = (await t.http().post('/api/surveys').set(auth(editorA)).send(quizBody(tree.districtA.id)).expect(201)).body;
      await t.http().post(`/api/surveys/${created.id}/open`).set(auth(editorA)).expect(200);
      const member = await signedToken(t, 'member', tree.branchA);
      const [, single, multiple] = created.questions;
      await respond(member, created.id, [
        { questionId: single.id, optionIds: [single.options[1].id] },
        { questionId: multiple.id, optionIds: [multiple.options[0].id] },
      ]).expect(201);

      /** The stored definition as a PUT body (ids included), for edits of one detail. */
      const asBody = (s: any) => ({
        title: s.title,
        description: s.description,
        kind: s.kind,
        committeeId: s.committeeId,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        anonymous: s.anonymous,
        resultsVisibility: s.resultsVisibility,
        passMark: s.passMark,
        questions: s.questions.map((q: any) => ({
          id: q.id,
          text: q.text,
          type: q.type,
          required: q.required,
          minSelections: q.minSelections,
          maxSelections: q.maxSelections,
          points: q.points,
          options: q.options.map((o: any) => ({ id: o.id, text: o.text, correct: o.correct })),
        })),
      });
      const base = asBody(created);
      const edit = (change: (b: any) => void) => {
        const b = structuredClone(base);
        change(b);
        return t.http().put(`/api/surveys/${created.id}`).set(auth(editorA)).send(b);
      };
      const refused: [string, (b: any) => void][] = [
        ['add a question', (b) => b.questions.push({ text: 'Thêm', type: 'short_text', required: false })],
        ['remove a question', (b) => b.questions.splice(4, 1)],
        ['retype a question', (b) => (b.questions[4].type = 'short_text')],
        ['add an option', (b) => b.questions[1].options.push({ text: '2028' })],
        ['remove an option', (b) => b.questions[2].options.pop()],
        ['move the correct option', (b) => ((b.questions[1].options[1].correct = false), (b.questions[1].options[0].correct = true))],
        ['change points', (b) => (b.questions[2].points = 3)],
        ['change max selections', (b) => (b.questions[2].maxSelections = 4)],
        ['make a question optional', (b) => (b.questions[1].required = false)],
        ['change the pass mark', (b) => (b.passMark = 1)],
        ['make it anonymous', (b) => (b.anonymous = true)],
        ['reorder questions', (b) => b.questions.reverse()],
      ];
      for (const [what, change] of refused) {
        const res = await edit(change);
        expect([what, res.status, res.body.code]).toEqual([what, 409, 'SURVEY_HAS_RESPONSES']);
      }
      const unchanged = await t.http().get(`/api/surveys/${created.id}`).set(auth(editorA)).expect(200);
      expect(asBody(unchanged.body)).toEqual(base);

      const later = inDays(30);
      const ok = await edit((b) => {
        b.title = 'Học tập Nghị quyết Đại hội XIV của Đảng';
        b.description = null;
        b.questions[1].text = 'Đại hội đại biểu toàn quốc lần thứ XIV diễn ra năm nào?';
        b.questions[1].options[2].text = 'Năm 2027';
        b.closesAt = later;
      }).expect(200);
      expect(ok.body).toMatchObject({
        title: 'Học tập Nghị quyết Đại hội XIV của Đảng',
        description: null,
        closesAt: later,
        resultsVisibility: 'after_close',
        respondents: 1,
      });
      // results visibility is fixed once open (outside review II): they cannot be made live to watch answers arrive
      const live = await edit((b) => (b.resultsVisibility = 'live')).expect(409);
      expect(live.body.code).toBe('SURVEY_PRIVACY_LOCKED');
      expect(ok.body.questions[1]).toMatchObject({ id: single.id, text: 'Đại hội đại biểu toàn quốc lần thứ XIV diễn ra năm nào?' });
      expect(ok.body.questions[1].options[2]).toMatchObject({ id: single.options[2].id, text: 'Năm 2027' });
      expect(await count('survey_responses', created.id)).toBe(1);

      // a survey with answers is a record: it is not deleted
      const del = await t.http().delete(`/api/surveys/${created.id}`).set(auth(editorA)).expect(409);
      expect(del.body.code).toBe('SURVEY_HAS_RESPONSES');
    });
  });

  describe('lifecycle', () => {
    it('draft → open → closed by hand; closing is final; wording stays editable', async () => {
      const { tree, editorA } = await world();
      const created = (
        await t
          .http()
          .post('/api/surveys')
          .set(auth(editorA))
          .send(surveyBody(tree.districtA.id, { resultsVisibility: 'after_close' }))
          .expect(201)
      ).body;
      const close = await t.http().post(`/api/surveys/${created.id}/close`).set(auth(editorA)).expect(409);
      expect(close.body.code).toBe('SURVEY_NOT_OPEN');

      const opened = await t.http().post(`/api/surveys/${created.id}/open`).set(auth(editorA)).expect(200);
      expect(opened.body).toMatchObject({ status: 'open', resultsVisible: false });
      expect(Date.parse(opened.body.openedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(opened.body.publishedAt).toBe(new Date(opened.body.openedAt).toISOString());
      const again = await t.http().post(`/api/surveys/${created.id}/open`).set(auth(editorA)).expect(409);
      expect(again.body.code).toBe('SURVEY_NOT_DRAFT');

      const closed = await t.http().post(`/api/surveys/${created.id}/close`).set(auth(editorA)).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', resultsVisible: true });
      expect(closed.body.closedAt).not.toBeNull();
      for (const action of ['open', 'close']) {
        const res = await t.http().post(`/api/surveys/${created.id}/${action}`).set(auth(editorA)).expect(409);
        expect(res.body.code).toBe('SURVEY_CLOSED');
      }
      const body = surveyBody(tree.districtA.id, {
        resultsVisibility: 'after_close',
        questions: closed.body.questions.map((q: any) => ({
          id: q.id,
          text: q.text,
          type: q.type,
          required: q.required,
          options: q.options.map((o: any) => ({ id: o.id, text: o.text })),
        })),
      });
      const dates = await t
        .http()
        .put(`/api/surveys/${created.id}`)
        .set(auth(editorA))
        .send({ ...body, closesAt: inDays(3) })
        .expect(409);
      expect(dates.body.code).toBe('SURVEY_CLOSED');
      const wording = await t
        .http()
        .put(`/api/surveys/${created.id}`)
        .set(auth(editorA))
        .send({ ...body, title: 'Lấy ý kiến về sinh hoạt chi bộ năm 2026' })
        .expect(200);
      expect(wording.body).toMatchObject({ title: 'Lấy ý kiến về sinh hoạt chi bộ năm 2026', status: 'closed' });

      const actions = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'survey' AND entity_id = $1 ORDER BY id`, [
        created.id,
      ]);
      expect(actions.map((a: any) => a.action)).toEqual(['survey.create', 'survey.open', 'survey.close', 'survey.update']);
    });

    it('opening needs a question to answer and a closing time still ahead; opensAt ahead makes it scheduled', async () => {
      const { tree, editorA } = await world();
      const empty = (
        await t
          .http()
          .post('/api/surveys')
          .set(auth(editorA))
          .send(surveyBody(tree.districtA.id, { questions: [{ text: 'Chỉ tiêu đề', type: 'section', required: false }] }))
          .expect(201)
      ).body;
      const res = await t.http().post(`/api/surveys/${empty.id}/open`).set(auth(editorA)).expect(409);
      expect(res.body.code).toBe('SURVEY_NOT_ANSWERABLE');

      const late = await createSurvey(t.db, tree.districtA, { status: 'draft', closesAt: new Date(Date.now() - 1000) });
      const passed = await t.http().post(`/api/surveys/${late.id}/open`).set(auth(editorA)).expect(409);
      expect(passed.body.code).toBe('SURVEY_WINDOW_PASSED');

      const opensAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
      const later = (await t.http().post('/api/surveys').set(auth(editorA)).send(surveyBody(tree.districtA.id, { opensAt })).expect(201))
        .body;
      const opened = await t.http().post(`/api/surveys/${later.id}/open`).set(auth(editorA)).expect(200);
      expect(opened.body).toMatchObject({ status: 'scheduled', opensAt, publishedAt: opensAt });
      const closed = await t.http().post(`/api/surveys/${later.id}/close`).set(auth(editorA)).expect(200);
      expect(closed.body.status).toBe('closed');
    });

    it('an open survey without answers may still be restructured, but not left without a question', async () => {
      const { tree, editorA } = await world();
      const s = (await t.http().post('/api/surveys').set(auth(editorA)).send(surveyBody(tree.districtA.id)).expect(201)).body;
      await t.http().post(`/api/surveys/${s.id}/open`).set(auth(editorA)).expect(200);
      const added = await t
        .http()
        .put(`/api/surveys/${s.id}`)
        .set(auth(editorA))
        .send(
          surveyBody(tree.districtA.id, {
            questions: [
              {
                id: s.questions[0].id,
                text: s.questions[0].text,
                type: 'single',
                required: true,
                options: s.questions[0].options.map((o: any) => ({ id: o.id, text: o.text })),
              },
              { text: 'Đánh giá', type: 'rating', required: true },
            ],
          }),
        )
        .expect(200);
      expect(added.body.questions.map((q: any) => q.type)).toEqual(['single', 'rating']);
      const emptied = await t
        .http()
        .put(`/api/surveys/${s.id}`)
        .set(auth(editorA))
        .send(surveyBody(tree.districtA.id, { questions: [] }))
        .expect(409);
      expect(emptied.body.code).toBe('SURVEY_NOT_ANSWERABLE');
    });

    it('DELETE removes a survey without answers and answers the deleted record', async () => {
      const { tree, editorA } = await world();
      const s = (await t.http().post('/api/surveys').set(auth(editorA)).send(quizBody(tree.districtA.id)).expect(201)).body;
      const res = await t.http().delete(`/api/surveys/${s.id}`).set(auth(editorA)).expect(200);
      expect(res.body).toMatchObject({ id: s.id, title: s.title, questions: s.questions });
      await t.http().get(`/api/surveys/${s.id}`).set(auth(editorA)).expect(404);
      expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM survey_questions WHERE survey_id = $1`, [s.id]))[0].n)).toBe(0);
    });
  });

  describe('members (mobile)', () => {
    it("lists the open surveys sent to the member's chain (downward targeting), with whether they answered", async () => {
      const { tree } = await world();
      const branchA2 = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' });
      const member = await signedToken(t, 'member', tree.branchA);
      const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
      const province = await createSurvey(t.db, tree.province, { title: 'Toàn tỉnh', publishedAt: minutesAgo(5) });
      const district = await createSurvey(t.db, tree.districtA, {
        title: 'Huyện Đại Từ',
        publishedAt: minutesAgo(4),
        questions: [{ type: 'section', text: 'Phần 1' }, { type: 'single', required: true, options: ['A', 'B'] }, { type: 'rating' }],
      });
      const branch = await createSurvey(t.db, tree.branchA, { title: 'Chi bộ Đồng Kè', publishedAt: minutesAgo(3) });
      const hidden = [
        await createSurvey(t.db, tree.districtB, { title: 'Huyện khác' }),
        await createSurvey(t.db, branchA2, { title: 'Chi bộ bên cạnh' }),
        await createSurvey(t.db, tree.province, { title: 'Nháp', status: 'draft' }),
        await createSurvey(t.db, tree.province, { title: 'Đã đóng', status: 'closed' }),
        await createSurvey(t.db, tree.province, { title: 'Hết hạn', opensAt: minutesAgo(60), closesAt: minutesAgo(1) }),
        await createSurvey(t.db, tree.province, { title: 'Chưa mở', opensAt: new Date(Date.now() + 3_600_000) }),
      ];

      const list = await t.http().get('/api/me/surveys').set(auth(member)).expect(200);
      expect(list.body.items.map((s: any) => s.title)).toEqual(['Chi bộ Đồng Kè', 'Huyện Đại Từ', 'Toàn tỉnh']);
      expect(list.body.nextCursor).toBeNull();
      expect(Object.keys(list.body.items[1]).sort()).toEqual([
        'anonymous',
        'answered',
        'closesAt',
        'committeeName',
        'id',
        'kind',
        'publishedAt',
        'questionCount',
        'title',
      ]);
      expect(list.body.items[1]).toMatchObject({ id: district.id, questionCount: 2, answered: false, committeeName: 'Huyện ủy Đại Từ' });

      // paging by cursor, and the ETag
      const first = await t.http().get('/api/me/surveys?limit=2').set(auth(member)).expect(200);
      expect(first.body.items.map((s: any) => s.id)).toEqual([branch.id, district.id]);
      const second = await t.http().get(`/api/me/surveys?limit=2&cursor=${first.body.nextCursor}`).set(auth(member)).expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: province.id })], nextCursor: null });
      await t.http().get('/api/me/surveys').set(auth(member)).set('If-None-Match', list.headers.etag).expect(304);

      await respond(member, province.id, [
        { questionId: province.questions[0].id, optionIds: [province.questions[0].options[0].id] },
      ]).expect(201);
      const after = await t.http().get('/api/me/surveys').set(auth(member)).set('If-None-Match', list.headers.etag).expect(200);
      expect(after.body.items.map((s: any) => [s.title, s.answered])).toEqual([
        ['Chi bộ Đồng Kè', false],
        ['Huyện Đại Từ', false],
        ['Toàn tỉnh', true],
      ]);

      for (const s of hidden.filter((h) => !['Đã đóng', 'Hết hạn'].includes(h.title))) {
        const res = await t.http().get(`/api/me/surveys/${s.id}`).set(auth(member)).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });

    it("the detail shows the questions but not a quiz's correct options or points", async () => {
      const { tree } = await world();
      const member = await signedToken(t, 'member', tree.branchA);
      const quiz = await createSurvey(t.db, tree.districtA, {
        kind: 'quiz',
        passMark: 2,
        questions: [
          { type: 'section', text: 'Phần I' },
          { type: 'single', required: true, points: 2, options: [{ text: 'Đúng', correct: true }, 'Sai'] },
          { type: 'multiple', required: false, minSelections: 1, maxSelections: 2, options: [{ text: 'A', correct: true }, 'B', 'C'] },
        ],
      });
      const res = await t.http().get(`/api/me/surveys/${quiz.id}`).set(auth(member)).expect(200);
      expect(res.body).toMatchObject({
        id: quiz.id,
        kind: 'quiz',
        status: 'open',
        maxScore: 3,
        passMark: 2,
        questionCount: 2,
        answered: false,
      });
      expect(res.body.questions.map((q: any) => Object.keys(q).sort())).toEqual(
        Array(3).fill(['id', 'maxSelections', 'minSelections', 'options', 'required', 'text', 'type']),
      );
      expect(res.body.questions[1].options).toEqual([
        { id: quiz.questions[1].options[0].id, text: 'Đúng' },
        { id: quiz.questions[1].options[1].id, text: 'Sai' },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/correct|points/);
      await t.http().get(`/api/me/surveys/${quiz.id}`).set(auth(member)).set('If-None-Match', res.headers.etag).expect(304);
    });
  });
});
