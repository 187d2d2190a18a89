import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../../src/common/dates.js';
import { createCommittee, createTree } from '../factories/index.js';
import { createMemberAccounts, createSurvey, signedIn, signedToken, type CreatedSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Runs `fn` over `items` with at most `size` calls in flight. */
async function inPool<T>(items: T[], size: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

describe('answering surveys', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The embedded server multiplexes the pool's connections onto one PGlite session, and outside a
    // transaction the extended-protocol messages (Parse/Bind/Execute) of concurrent connections can
    // interleave ("unnamed prepared statement does not exist"). One connection keeps the concurrent
    // requests of this file correct there; a real server runs them on the usual pool.
    // On a real server the production pool size (10): 50 requests in flight on the tests' 4 connections
    // can wait past the pool's 10-second connection timeout on a busy machine.
    t = await createTestApp(process.env.DATABASE_URL ? { DB_POOL_SIZE: '10' } : { DB_POOL_SIZE: '1' });
  });
  afterAll(async () => t?.close());

  const respond = (token: string, id: string, answers: object[], path = `/api/surveys/${id}/responses`) =>
    t.http().post(path).set(auth(token)).send({ answers });
  const stored = async (surveyId: string) => {
    const [r] = await t.db.query(
      `SELECT (SELECT count(*) FROM survey_responses WHERE survey_id = $1)::int AS responses,
              (SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1)::int AS answers,
              (SELECT count(*) FROM survey_participations WHERE survey_id = $1)::int AS participations`,
      [surveyId],
    );
    return r as { responses: number; answers: number; participations: number };
  };

  /** A survey with one block of each kind, sent to district A. */
  async function everyKind(tree: Awaited<ReturnType<typeof createTree>>, over: Parameters<typeof createSurvey>[2] = {}) {
    return createSurvey(t.db, tree.districtA, {
      questions: [
        { type: 'section', text: 'Phần I' },
        { type: 'single', required: true, options: ['Rất tốt', 'Tốt', 'Chưa tốt'] },
        { type: 'multiple', required: true, minSelections: 1, maxSelections: 2, options: ['Tài liệu', 'Báo cáo viên', 'Thảo luận'] },
        { type: 'rating', required: false },
        { type: 'short_text', required: false },
        { type: 'long_text', required: true },
      ],
      ...over,
    });
  }
  const validAnswers = (s: CreatedSurvey) => {
    const [, single, multiple, rating, short, long] = s.questions;
    return [
      { questionId: single.id, optionIds: [single.options[0].id] },
      { questionId: multiple.id, optionIds: [multiple.options[0].id, multiple.options[2].id] },
      { questionId: rating.id, value: 4 },
      { questionId: short.id, text: '  Nguyễn Văn Bình  ' },
      { questionId: long.id, text: 'Cần thêm thời gian thảo luận ở chi bộ.' },
    ];
  };

  it('stores a valid answer all at once, through either address, and refuses a second one (409)', async () => {
    const tree = await createTree(t.db);
    const s = await everyKind(tree);
    const { user: member, token } = await signedIn(t, 'member', tree.branchA);

    const res = await respond(token, s.id, validAnswers(s)).expect(201);
    expect(res.body).toEqual({
      surveyId: s.id,
      submittedOn: localDate(),
      score: null,
      maxScore: null,
      passMark: null,
      passed: null,
      questions: null,
    });
    expect(await stored(s.id)).toEqual({ responses: 1, answers: 6, participations: 1 });
    const [response] = await t.db.query(
      `SELECT member_id, committee_id, submitted_on::text AS day, score, passed FROM survey_responses WHERE survey_id = $1`,
      [s.id],
    );
    expect(response).toEqual({ member_id: member.memberId, committee_id: tree.branchA.id, day: localDate(), score: null, passed: null });
    const texts = await t.db.query(
      `SELECT a.text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 AND a.text IS NOT NULL ORDER BY a.text`,
      [s.id],
    );
    expect(texts.map((x: any) => x.text)).toEqual(['Cần thêm thời gian thảo luận ở chi bộ.', 'Nguyễn Văn Bình']);

    for (const path of [`/api/surveys/${s.id}/responses`, `/api/me/surveys/${s.id}/responses`]) {
      const again = await respond(token, s.id, validAnswers(s), path).expect(409);
      expect(again.body.code).toBe('ALREADY_RESPONDED');
    }
    expect(await stored(s.id)).toEqual({ responses: 1, answers: 6, participations: 1 });
    const mine = await t.http().get(`/api/me/surveys/${s.id}`).set(auth(token)).expect(200);
    expect(mine.body.answered).toBe(true);

    // the mobile address works the same
    const other = await signedToken(t, 'member', tree.branchA);
    await respond(other, s.id, validAnswers(s), `/api/me/surveys/${s.id}/responses`).expect(201);
    expect((await stored(s.id)).responses).toBe(2);
  });

  it('is for members: staff are 403, a member outside the target subtree 404, nothing stored', async () => {
    const tree = await createTree(t.db);
    const s = await everyKind(tree);
    for (const role of ['admin', 'committee_admin', 'editor', 'secretary'] as const) {
      const token = await signedToken(t, role, role === 'admin' ? null : tree.districtA);
      const res = await respond(token, s.id, validAnswers(s)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const outsider = await signedToken(t, 'member', tree.branchB);
    const res = await respond(outsider, s.id, validAnswers(s)).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await respond(outsider, 'not-a-uuid', validAnswers(s)).expect(404);
    expect(await stored(s.id)).toEqual({ responses: 0, answers: 0, participations: 0 });
  });

  it('takes answers only inside the window: not a draft or a survey not open yet (404), not a closed one (409)', async () => {
    const tree = await createTree(t.db);
    const token = await signedToken(t, 'member', tree.branchA);
    const cases: [string, CreatedSurvey, number, string][] = [
      ['draft', await everyKind(tree, { status: 'draft' }), 404, 'NOT_FOUND'],
      ['not open yet', await everyKind(tree, { opensAt: new Date(Date.now() + 3_600_000) }), 404, 'NOT_FOUND'],
      ['closed by hand', await everyKind(tree, { status: 'closed' }), 409, 'SURVEY_NOT_ACCEPTING_RESPONSES'],
      [
        'closed by time',
        await everyKind(tree, { opensAt: new Date(Date.now() - 7_200_000), closesAt: new Date(Date.now() - 1000) }),
        409,
        'SURVEY_NOT_ACCEPTING_RESPONSES',
      ],
    ];
    for (const [what, s, status, code] of cases) {
      const res = await respond(token, s.id, validAnswers(s));
      expect([what, res.status, res.body.code]).toEqual([what, status, code]);
      expect(await stored(s.id)).toEqual({ responses: 0, answers: 0, participations: 0 });
    }

    // closed by hand through the API while a member holds it open
    const editor = await signedToken(t, 'editor', tree.districtA);
    const s = await everyKind(tree);
    await t.http().post(`/api/surveys/${s.id}/close`).set(auth(editor)).expect(200);
    const res = await respond(token, s.id, validAnswers(s)).expect(409);
    expect(res.body.message).toBe('The survey is closed: it takes no answers');
  });

  it('checks every answer against its question and stores nothing when one is wrong', async () => {
    const tree = await createTree(t.db);
    const s = await everyKind(tree);
    const other = await everyKind(tree);
    const token = await signedToken(t, 'member', tree.branchA);
    const [section, single, multiple, rating, short, long] = s.questions;
    const base = validAnswers(s);
    const replace = (i: number, answer: object) => base.map((a, j) => (j === i ? answer : a));
    const cases: [string, object[], Record<string, string>][] = [
      [
        'an option of another question',
        replace(0, { questionId: single.id, optionIds: [multiple.options[0].id] }),
        { 'answers.0.optionIds': `${multiple.options[0].id} is not an option of this question` },
      ],
      [
        'an option of another survey',
        replace(0, { questionId: single.id, optionIds: [other.questions[1].options[0].id] }),
        { 'answers.0.optionIds': `${other.questions[1].options[0].id} is not an option of this question` },
      ],
      [
        'a question of another survey',
        [...base, { questionId: other.questions[4].id, text: 'x' }],
        { 'answers.5.questionId': 'not a question of this survey' },
      ],
      [
        'two options for single choice',
        replace(0, { questionId: single.id, optionIds: [single.options[0].id, single.options[1].id] }),
        { 'answers.0.optionIds': 'choose exactly one option' },
      ],
      [
        'too many selections',
        replace(1, { questionId: multiple.id, optionIds: multiple.options.map((o) => o.id) }),
        { 'answers.1.optionIds': 'choose at most 2 options' },
      ],
      [
        'an option chosen twice',
        replace(1, { questionId: multiple.id, optionIds: [multiple.options[0].id, multiple.options[0].id] }),
        { 'answers.1.optionIds': 'an option is chosen twice' },
      ],
      ['a rating of 6', replace(2, { questionId: rating.id, value: 6 }), { 'answers.2.value': 'value must be from 1 to 5' }],
      ['a rating of 0', replace(2, { questionId: rating.id, value: 0 }), { 'answers.2.value': 'value must be from 1 to 5' }],
      [
        'a short text too long',
        replace(3, { questionId: short.id, text: 'x'.repeat(501) }),
        { 'answers.3.text': 'text must be at most 500 characters' },
      ],
      [
        'a text for a choice',
        replace(0, { questionId: single.id, text: 'Rất tốt' }),
        { 'answers.0.text': 'a choice question is answered with optionIds' },
      ],
      ['an answer to a section', [...base, { questionId: section.id, text: 'x' }], { 'answers.5.questionId': 'a section takes no answer' }],
      ['a question answered twice', [...base, base[3]], { 'answers.5.questionId': 'this question is answered twice' }],
      ['a required question missing', base.filter((_, i) => i !== 1), { [`questions.${multiple.id}`]: 'this question is required' }],
      [
        'a required text left blank',
        replace(4, { questionId: long.id, text: '   ' }),
        { [`questions.${long.id}`]: 'this question is required' },
      ],
      [
        'a required choice left empty',
        replace(0, { questionId: single.id, optionIds: [] }),
        { [`questions.${single.id}`]: 'this question is required' },
      ],
    ];
    for (const [what, answers, errors] of cases) {
      const res = await respond(token, s.id, answers);
      expect([what, res.status, res.body.code, res.body.errors]).toEqual([what, 400, 'VALIDATION_FAILED', errors]);
    }
    const dto = await respond(token, s.id, [{ questionId: 'x', optionIds: ['y'], value: 'high' }]).expect(400);
    expect(Object.keys(dto.body.errors).sort()).toEqual(['answers.0.optionIds', 'answers.0.questionId', 'answers.0.value']);
    expect(await stored(s.id)).toEqual({ responses: 0, answers: 0, participations: 0 });
    expect((await t.http().get(`/api/me/surveys/${s.id}`).set(auth(token)).expect(200)).body.answered).toBe(false);

    // optional questions may be left out; the valid answer then goes in
    await respond(
      token,
      s.id,
      base.filter((_, i) => i !== 2 && i !== 3),
    ).expect(201);
    expect(await stored(s.id)).toEqual({ responses: 1, answers: 4, participations: 1 });
  });

  it('scores a quiz: all or nothing per question, pass or fail against the pass mark', async () => {
    const tree = await createTree(t.db);
    const quiz = await createSurvey(t.db, tree.districtA, {
      kind: 'quiz',
      passMark: 3,
      questions: [
        { type: 'single', required: true, points: 1, options: ['2025', { text: '2026', correct: true }] },
        { type: 'multiple', required: false, points: 2, options: [{ text: 'A', correct: true }, { text: 'B', correct: true }, 'C'] },
        { type: 'single', required: false, points: 1, options: [{ text: 'Đúng', correct: true }, 'Sai'] },
        { type: 'rating', required: false },
      ],
    });
    const [q1, q2, q3, q4] = quiz.questions;
    const all = await respond(await signedToken(t, 'member', tree.branchA), quiz.id, [
      { questionId: q1.id, optionIds: [q1.options[1].id] },
      { questionId: q2.id, optionIds: [q2.options[1].id, q2.options[0].id] },
      { questionId: q3.id, optionIds: [q3.options[1].id] },
      { questionId: q4.id, value: 5 },
    ]).expect(201);
    expect(all.body).toEqual({
      surveyId: quiz.id,
      submittedOn: localDate(),
      score: 3,
      maxScore: 4,
      passMark: 3,
      passed: true,
      questions: [
        { questionId: q1.id, correct: true, points: 1 },
        { questionId: q2.id, correct: true, points: 2 },
        { questionId: q3.id, correct: false, points: 0 },
      ],
    });
    // a partly right multiple choice scores nothing; an unanswered question neither
    const part = await respond(await signedToken(t, 'member', tree.branchA), quiz.id, [
      { questionId: q1.id, optionIds: [q1.options[1].id] },
      { questionId: q2.id, optionIds: [q2.options[0].id, q2.options[2].id] },
    ]).expect(201);
    expect(part.body).toMatchObject({ score: 1, passed: false });
    expect(part.body.questions.map((q: any) => q.correct)).toEqual([true, false, false]);
    const rows = await t.db.query(`SELECT score, passed FROM survey_responses WHERE survey_id = $1 ORDER BY score DESC`, [quiz.id]);
    expect(rows).toEqual([
      { score: 3, passed: true },
      { score: 1, passed: false },
    ]);
  });

  it('anonymous: the stored answers carry no member identity; participation is kept apart and still stops a second answer', async () => {
    const tree = await createTree(t.db);
    const s = await everyKind(tree, { anonymous: true });
    const { user: member, token } = await signedIn(t, 'member', tree.branchA);
    await respond(token, s.id, validAnswers(s)).expect(201);

    const responses = await t.db.query(`SELECT * FROM survey_responses WHERE survey_id = $1`, [s.id]);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ member_id: null, committee_id: null, submitted_on: expect.anything() });
    const answers = await t.db.query(`SELECT a.* FROM survey_answers a WHERE a.response_id = $1`, [responses[0].id]);
    expect(answers).toHaveLength(6);
    // nothing of the member anywhere in those rows: not their member id, account id, username or branch
    const values = [...responses, ...answers].flatMap((row) =>
      Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : String(v))),
    );
    for (const identity of [member.memberId!, member.id, member.username, String(tree.branchA.id)]) expect(values).not.toContain(identity);
    expect(JSON.stringify(values)).not.toContain(member.memberId!);
    // and no column that could hold it or order the answers in time more finely than the day
    const columns = await t.db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_name IN ('survey_responses', 'survey_answers', 'survey_participations') ORDER BY table_name, ordinal_position`,
    );
    const of = (table: string) => columns.filter((c: any) => c.table_name === table).map((c: any) => `${c.column_name}:${c.data_type}`);
    expect(of('survey_responses')).toEqual([
      'id:uuid',
      'survey_id:uuid',
      'member_id:uuid',
      'committee_id:integer',
      'submitted_on:date',
      'score:integer',
      'passed:boolean',
      'released:boolean',
    ]);
    expect(of('survey_answers')).toEqual([
      'id:uuid',
      'response_id:uuid',
      'question_id:uuid',
      'option_id:uuid',
      'text:text',
      'value:smallint',
    ]);
    // the participation names the member and branch, but not the response
    expect(of('survey_participations')).toEqual(['survey_id:uuid', 'member_id:uuid', 'committee_id:integer', 'responded_on:date']);
    const participation = await t.db.query(`SELECT member_id, committee_id FROM survey_participations WHERE survey_id = $1`, [s.id]);
    expect(participation).toEqual([{ member_id: member.memberId, committee_id: tree.branchA.id }]);

    const again = await respond(token, s.id, validAnswers(s)).expect(409);
    expect(again.body.code).toBe('ALREADY_RESPONDED');
    expect(await stored(s.id)).toEqual({ responses: 1, answers: 6, participations: 1 });
  });

  it('a double submit race: 20 simultaneous answers by one member store exactly one', async () => {
    const tree = await createTree(t.db);
    const s = await everyKind(tree);
    const token = await signedToken(t, 'member', tree.branchA);
    const results = await Promise.all(Array.from({ length: 20 }, () => respond(token, s.id, validAnswers(s))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('ALREADY_RESPONDED');
    expect(await stored(s.id)).toEqual({ responses: 1, answers: 6, participations: 1 });
  });

  it('load: 1,000 members answering the same survey at once lose no answer and count none twice', async () => {
    const tree = await createTree(t.db);
    const branches = [tree.branchA, await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' })];
    const s = await createSurvey(t.db, tree.districtA, {
      resultsVisibility: 'live',
      questions: [
        { type: 'single', required: true, options: ['Đồng ý', 'Không đồng ý', 'Ý kiến khác'] },
        { type: 'multiple', required: true, minSelections: 1, maxSelections: 3, options: ['A', 'B', 'C'] },
        { type: 'rating', required: true },
      ],
    });
    const [single, multiple, rating] = s.questions;
    const members = await createMemberAccounts(t.app, t.db, branches, 1000);
    // member i: option i % 3; options {A} ∪ {B if i even} ∪ {C if i % 5 == 0}; rating i % 5 + 1
    const answersOf = (i: number) => [
      { questionId: single.id, optionIds: [single.options[i % 3].id] },
      {
        questionId: multiple.id,
        optionIds: [
          multiple.options[0].id,
          ...(i % 2 === 0 ? [multiple.options[1].id] : []),
          ...(i % 5 === 0 ? [multiple.options[2].id] : []),
        ],
      },
      { questionId: rating.id, value: (i % 5) + 1 },
    ];
    // Like the app: a 503 (the database pool saturated on a busy machine) says "Retry-After", and a
    // retry is safe, because an answer that did get in makes the retry a 409, never a second answer.
    let created = 0;
    let retried = 0;
    const refused: string[] = [];
    // 50 requests in flight on a real server; 25 on the embedded one, whose single connection queues them all anyway
    await inPool(members, process.env.DATABASE_URL ? 50 : 25, async (m, i) => {
      for (let attempt = 1; ; attempt++) {
        const res = await respond(m.token, s.id, answersOf(i));
        if (res.status === 503 && attempt < 5) {
          retried++;
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        if (res.status === 201) created++;
        else refused.push(`${res.status} ${res.body.code}: ${res.body.message}`);
        return;
      }
    });
    expect(refused).toEqual([]);
    expect(created).toBe(1000);
    if (retried) console.warn(`survey load: ${retried} requests were retried after a 503`);

    expect(await stored(s.id)).toMatchObject({ responses: 1000, participations: 1000 });
    const admin = await signedToken(t, 'admin', null);
    const results = (await t.http().get(`/api/surveys/${s.id}/results`).set(auth(admin)).expect(200)).body;
    expect(results.respondents).toBe(1000);
    expect(results.invited).toBe(1000);
    expect(results.questions[0].options.map((o: any) => o.count)).toEqual([334, 333, 333]);
    expect(results.questions[1].options.map((o: any) => o.count)).toEqual([1000, 500, 200]);
    expect(results.questions[1].options.map((o: any) => o.percent)).toEqual([100, 50, 20]);
    expect(results.questions[2].rating.distribution.map((b: any) => b.count)).toEqual([200, 200, 200, 200, 200]);
    expect(results.questions[2].rating.average).toBe(3);
    expect(results.participation.map((p: any) => [p.invited, p.respondents, p.rate])).toEqual([[1000, 1000, 100]]);

    // and every one of them is now refused a second time
    const again = await Promise.all(members.slice(0, 50).map((m, i) => respond(m.token, s.id, answersOf(i))));
    expect(again.every((r) => r.status === 409)).toBe(true);
    expect(await stored(s.id)).toMatchObject({ responses: 1000, participations: 1000 });
  }, 600_000);
});
