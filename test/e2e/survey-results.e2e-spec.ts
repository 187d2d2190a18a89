import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { localDate } from '../../src/common/dates.js';
import { createCommittee, createMember, createTree } from '../factories/index.js';
import { createSurvey, signedIn, signedToken, type CreatedSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Collects a binary response body (xlsx) into a Buffer. */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('survey results', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedToken(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  const respond = (token: string, id: string, answers: object[]) =>
    t.http().post(`/api/surveys/${id}/responses`).set(auth(token)).send({ answers }).expect(201);
  const results = (token: string, id: string) => t.http().get(`/api/surveys/${id}/results`).set(auth(token));

  /**
   * District A with two communes: Hùng Sơn (two branches) and Phục Linh (one branch). Members:
   * 4 in Hùng Sơn's branches, 3 in Phục Linh's, 1 who left (not invited), 1 in district B (not invited).
   */
  async function campaign(over: Parameters<typeof createSurvey>[2] = {}) {
    const tree = await createTree(t.db);
    const hungSon2 = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' });
    const phucLinh = await createCommittee(t.db, { parent: tree.districtA, name: 'Đảng bộ xã Phục Linh' });
    const phucLinhBranch = await createCommittee(t.db, { parent: phucLinh, name: 'Chi bộ xóm Đồng Tâm' });
    const survey = await createSurvey(t.db, tree.districtA, {
      title: 'Lấy ý kiến sau học tập Nghị quyết',
      questions: [
        { type: 'section', text: 'Phần I. Đánh giá chung' },
        { type: 'single', required: true, text: 'Mức độ nắm được Nghị quyết', options: ['Nắm vững', 'Nắm được', 'Chưa nắm được'] },
        { type: 'multiple', required: true, text: 'Hình thức học tập phù hợp', options: ['Trực tiếp', 'Trực tuyến', 'Tự nghiên cứu'] },
        { type: 'rating', required: false, text: 'Chất lượng báo cáo viên' },
        { type: 'long_text', required: false, text: 'Kiến nghị' },
      ],
      ...over,
    });
    const accounts = async (committee: typeof tree.branchA, names: string[]) => {
      const out: string[] = [];
      for (const name of names) {
        const member = await createMember(t.db, committee, { fullName: name });
        out.push((await signedIn(t, 'member', committee, { memberId: member.id })).token);
      }
      return out;
    };
    const hungSon = [
      ...(await accounts(tree.branchA, ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'])),
      ...(await accounts(hungSon2, ['Phạm Thị Dung'])),
    ];
    const phuc = await accounts(phucLinhBranch, ['Hoàng Văn Em', 'Vũ Thị Giang', 'Đỗ Văn Hải']);
    await createMember(t.db, tree.branchA, { fullName: 'Đã chuyển đi', endState: 'transferred_out', endedAt: '2025-01-01' });
    await createMember(t.db, tree.branchB, { fullName: 'Huyện khác' });
    return { tree, survey, hungSon, phuc, phucLinh };
  }

  /**
   * Six answers on a known pattern (the seventh member does not answer):
   *   single:   Nắm vững ×3, Nắm được ×2, Chưa nắm được ×1
   *   multiple: Trực tiếp ×5, Trực tuyến ×3, Tự nghiên cứu ×2  (10 choices by 6 people)
   *   rating:   5, 4, 4, 3 (two left it out)        → average 4.00
   *   text:     two answers
   */
  async function answerSix(c: Awaited<ReturnType<typeof campaign>>) {
    const [, single, multiple, rating, text] = c.survey.questions;
    const o = (q: CreatedSurvey['questions'][number], ...i: number[]) => ({ questionId: q.id, optionIds: i.map((k) => q.options[k].id) });
    const plan: object[][] = [
      [o(single, 0), o(multiple, 0, 1), { questionId: rating.id, value: 5 }, { questionId: text.id, text: 'Tăng thời lượng thảo luận' }],
      [o(single, 0), o(multiple, 0), { questionId: rating.id, value: 4 }],
      [o(single, 0), o(multiple, 0, 2), { questionId: rating.id, value: 4 }],
      [o(single, 1), o(multiple, 1)],
      [o(single, 1), o(multiple, 0, 1), { questionId: rating.id, value: 3 }, { questionId: text.id, text: 'Phát tài liệu sớm hơn' }],
      [o(single, 2), o(multiple, 0, 2)],
    ];
    const who = [c.hungSon[0], c.hungSon[1], c.hungSon[3], c.phuc[0], c.hungSon[2], c.phuc[1]];
    for (const [i, answers] of plan.entries()) await respond(who[i], c.survey.id, answers);
  }

  it('are hidden until the survey closes (even from an admin), then shown; live results are shown while it runs', async () => {
    const c = await campaign();
    await answerSix(c);
    const editor = await signedToken(t, 'editor', c.tree.districtA);
    for (const token of [admin, editor]) {
      const res = await results(token, c.survey.id).expect(403);
      expect(res.body.code).toBe('RESULTS_NOT_YET_VISIBLE');
      await t.http().get(`/api/surveys/${c.survey.id}/results/export?format=csv`).set(auth(token)).expect(403);
    }
    const listed = await t.http().get(`/api/surveys/${c.survey.id}`).set(auth(editor)).expect(200);
    expect(listed.body).toMatchObject({ resultsVisible: false, respondents: 6 });
    await t.http().post(`/api/surveys/${c.survey.id}/close`).set(auth(editor)).expect(200);
    await results(editor, c.survey.id).expect(200);

    const live = await createSurvey(t.db, c.tree.districtA, { resultsVisibility: 'live' });
    const res = await results(editor, live.id).expect(200);
    expect(res.body).toMatchObject({ status: 'open', respondents: 0, invited: 7, responseRate: 0 });
    // another district's staff: 404 like a missing survey
    const other = await signedToken(t, 'editor', c.tree.districtB);
    expect((await results(other, live.id).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('add up on a known set of answers: percentages of respondents, ratings, texts, participation per sub-committee', async () => {
    const c = await campaign();
    await answerSix(c);
    await t.db.query(`UPDATE surveys SET status = 'closed', closed_at = now() WHERE id = $1`, [c.survey.id]);
    const r = (await results(admin, c.survey.id).expect(200)).body;
    const [section, single, , rating, text] = c.survey.questions;

    expect(r).toMatchObject({
      surveyId: c.survey.id,
      kind: 'survey',
      status: 'closed',
      anonymous: false,
      committeeId: c.tree.districtA.id,
      committeeName: 'Huyện ủy Đại Từ',
      invited: 7,
      respondents: 6,
      responseRate: 85.7,
      responsesByDay: [{ date: localDate(), count: 6 }],
      quiz: null,
    });
    expect(r.questions.map((q: any) => q.questionId)).toEqual(c.survey.questions.map((q) => q.id));
    expect(r.questions[0]).toMatchObject({
      questionId: section.id,
      type: 'section',
      answered: 0,
      skipped: 0,
      options: null,
      rating: null,
      textAnswers: null,
    });
    expect(r.questions[1]).toMatchObject({ questionId: single.id, answered: 6, skipped: 0, correctCount: null });
    expect(r.questions[1].options).toEqual([
      { optionId: single.options[0].id, text: 'Nắm vững', correct: null, count: 3, percent: 50 },
      { optionId: single.options[1].id, text: 'Nắm được', correct: null, count: 2, percent: 33.3 },
      { optionId: single.options[2].id, text: 'Chưa nắm được', correct: null, count: 1, percent: 16.7 },
    ]);
    // multiple choice: percentages of the respondents, adding up past 100
    expect(r.questions[2].options.map((o: any) => [o.text, o.count, o.percent])).toEqual([
      ['Trực tiếp', 5, 83.3],
      ['Trực tuyến', 3, 50],
      ['Tự nghiên cứu', 2, 33.3],
    ]);
    expect(r.questions[2].options.reduce((sum: number, o: any) => sum + o.percent, 0)).toBeGreaterThan(100);
    expect(r.questions[3]).toMatchObject({ questionId: rating.id, answered: 4, skipped: 2 });
    expect(r.questions[3].rating).toEqual({
      average: 4,
      distribution: [
        { value: 1, count: 0, percent: 0 },
        { value: 2, count: 0, percent: 0 },
        { value: 3, count: 1, percent: 25 },
        { value: 4, count: 2, percent: 50 },
        { value: 5, count: 1, percent: 25 },
      ],
    });
    expect(r.questions[4]).toMatchObject({ questionId: text.id, answered: 2, skipped: 4, textAnswerCount: 2 });
    // in Vietnamese order: by given name (An before Cường)
    expect(r.questions[4].textAnswers).toEqual([
      { text: 'Tăng thời lượng thảo luận', memberName: 'Nguyễn Văn An', committeeName: 'Chi bộ xóm Đồng Kè' },
      { text: 'Phát tài liệu sớm hơn', memberName: 'Lê Văn Cường', committeeName: 'Chi bộ xóm Đồng Kè' },
    ]);
    // Hùng Sơn: 4 invited, 4 answered; Phục Linh: 3 invited, 2 answered
    expect(r.participation).toEqual(
      expect.arrayContaining([
        {
          committeeId: c.tree.grassA.id,
          committeeName: 'Đảng bộ xã Hùng Sơn',
          own: false,
          invited: 4,
          respondents: 4,
          rate: 100,
          suppressed: false,
        },
        {
          committeeId: c.phucLinh.id,
          committeeName: 'Đảng bộ xã Phục Linh',
          own: false,
          invited: 3,
          respondents: 2,
          rate: 66.7,
          suppressed: false,
        },
      ]),
    );
    expect(r.participation).toHaveLength(2);

    // the audit trail has the reading
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'survey' AND entity_id = $1`, [c.survey.id]);
    expect(audit.map((a: any) => a.action)).toContain('survey.results');
  });

  it('a quiz: score distribution, pass rate, average, and the share who got each question right', async () => {
    const tree = await createTree(t.db);
    const quiz = await createSurvey(t.db, tree.districtA, {
      kind: 'quiz',
      passMark: 2,
      resultsVisibility: 'live',
      questions: [
        { type: 'single', required: true, points: 1, options: ['2025', { text: '2026', correct: true }] },
        { type: 'multiple', required: true, points: 2, options: [{ text: 'A', correct: true }, { text: 'B', correct: true }, 'C'] },
      ],
    });
    const [q1, q2] = quiz.questions;
    const right1 = { questionId: q1.id, optionIds: [q1.options[1].id] };
    const wrong1 = { questionId: q1.id, optionIds: [q1.options[0].id] };
    const right2 = { questionId: q2.id, optionIds: [q2.options[0].id, q2.options[1].id] };
    const wrong2 = { questionId: q2.id, optionIds: [q2.options[0].id] };
    // scores: 3, 3, 2, 1, 0  → passed 3 of 5 (pass mark 2)
    for (const answers of [
      [right1, right2],
      [right1, right2],
      [wrong1, right2],
      [right1, wrong2],
      [wrong1, wrong2],
    ]) {
      await respond(await signedToken(t, 'member', tree.branchA), quiz.id, answers);
    }
    const r = (await results(admin, quiz.id).expect(200)).body;
    expect(r.quiz).toEqual({
      maxScore: 3,
      passMark: 2,
      averageScore: 1.8,
      passed: 3,
      passRate: 60,
      scoreDistribution: [
        { score: 0, count: 1, percent: 20 },
        { score: 1, count: 1, percent: 20 },
        { score: 2, count: 1, percent: 20 },
        { score: 3, count: 2, percent: 40 },
      ],
    });
    expect(r.questions.map((q: any) => [q.correctCount, q.correctPercent])).toEqual([
      [3, 60],
      [3, 60],
    ]);
    expect(r.questions[0].options.map((o: any) => [o.correct, o.count])).toEqual([
      [false, 2],
      [true, 3],
    ]);
  });

  it('anonymous: live results count released answers only (steps of k = 5); no text of a question fewer than k answered; no small sub-committee', async () => {
    const c = await campaign({ anonymous: true, resultsVisibility: 'live' });
    await answerSix(c);
    const r = (await results(admin, c.survey.id).expect(200)).body;
    // the sixth answer waits for four more before it is counted
    expect(r).toMatchObject({ anonymous: true, suppressed: false, respondents: 5, anonymityThreshold: 5 });
    expect(r.questions[1]).toMatchObject({ suppressed: false, answered: 5 });
    // two texts: fewer than k answered the question, so neither is shown
    expect(r.questions[4]).toMatchObject({ suppressed: true, textAnswers: [], textAnswerCount: null });
    expect(JSON.stringify(r)).not.toMatch(/Nguyễn Văn An|Lê Văn Cường|Tăng thời lượng|Phát tài liệu/);
    // Phục Linh's 2 are below k, and Hùng Sơn's 4 would give them away by difference
    expect(r.participation.map((p: any) => [p.committeeName, p.respondents, p.suppressed])).toEqual(
      expect.arrayContaining([
        ['Đảng bộ xã Hùng Sơn', null, true],
        ['Đảng bộ xã Phục Linh', null, true],
      ]),
    );
  });

  it('export as xlsx (summary, per question, text answers) and as CSV', async () => {
    const c = await campaign({ resultsVisibility: 'live' });
    await answerSix(c);
    const editor = await signedToken(t, 'editor', c.tree.districtA);

    const xlsx = await t
      .http()
      .get(`/api/surveys/${c.survey.id}/results/export?format=xlsx`)
      .set(auth(editor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="ket-qua-khao-sat-${localDate().replaceAll('-', '')}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Theo câu hỏi', 'Câu trả lời tự luận']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows('Tổng hợp')).toEqual(
      expect.arrayContaining([
        ['Số đảng viên được mời (hiện tại)', 7],
        ['Số người trả lời', 6],
        ['Tỷ lệ trả lời (%)', 85.7],
        ['Đảng bộ xã Phục Linh', 3, 2, 66.7],
      ]),
    );
    expect(rows('Theo câu hỏi')).toEqual(
      expect.arrayContaining([
        [3, 'Hình thức học tập phù hợp', 'Nhiều lựa chọn', 6, 0, 'Trực tiếp', undefined, 5, 83.3],
        [4, 'Chất lượng báo cáo viên', 'Thang đánh giá 1–5', 4, 2, 'Điểm trung bình', undefined, 4],
      ]),
    );
    expect(rows('Câu trả lời tự luận')).toEqual(
      expect.arrayContaining([
        ['STT', 'Câu hỏi', 'Câu trả lời', 'Đảng viên', 'Chi bộ'],
        [5, 'Kiến nghị', 'Phát tài liệu sớm hơn', 'Lê Văn Cường', 'Chi bộ xóm Đồng Kè'],
      ]),
    );

    const csv = await t.http().get(`/api/surveys/${c.survey.id}/results/export?format=csv`).set(auth(editor)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# Tổng hợp',
        '# Theo câu hỏi',
        '# Câu trả lời tự luận',
        'Số người trả lời,6',
        '2,Mức độ nắm được Nghị quyết,Một lựa chọn,6,0,Nắm được,,2,33.3',
      ]),
    );

    const bad = await t.http().get(`/api/surveys/${c.survey.id}/results/export?format=pdf`).set(auth(editor)).expect(400);
    expect(bad.body.errors).toEqual({ format: 'format must be csv or xlsx' });
    const audit = await t.db.query(
      `SELECT details->>'format' AS format FROM audit_log WHERE action = 'survey.results_export' AND entity_id = $1 ORDER BY id`,
      [c.survey.id],
    );
    expect(audit).toEqual([{ format: 'xlsx' }, { format: 'csv' }]);
  });
});
