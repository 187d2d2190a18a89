import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Committee } from '../../src/committees/committee.entity.js';
import { createCommittee, createMember, createTree } from '../factories/index.js';
import { createSurvey, signedIn, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const SECRET = 'Tôi không đồng ý vì chi bộ sinh hoạt hình thức';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * What staff can see of a world, with the values that differ between two otherwise identical worlds
 * for reasons unrelated to the answers (generated ids, clocks, committee serials) blanked out.
 */
function normalise(body: unknown): string {
  return JSON.stringify(body)
    .replace(UUID, '<uuid>')
    .replace(/"(computedAt|createdAt|updatedAt|openedAt|publishedAt|closedAt)":"[^"]*"/g, '"$1":"<time>"')
    .replace(/"committeeId":\d+/g, '"committeeId":"<id>"')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
}

/**
 * Outside review II, finding 3 (anonymous answers traced back) and finding 4 (anonymity switched off
 * while members answer). k is the default, 5.
 */
describe('survey anonymity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  /**
   * One world of the attack: a committee admin of district A ("khoicoquan") runs an anonymous survey
   * with live results. With `trap`, they create a branch and transfer one member, the target, into
   * it before she answers. Ten members answer one by one; the target answers second and member N
   * third. `targetSaysNo` decides which of the two gives the "No" and the free text (the other says
   * "Yes"). After every answer the attacker reads everything staff can read about the survey.
   */
  async function world(trap: boolean, targetSaysNo: boolean) {
    const tree = await createTree(t.db);
    const attacker = await signedToken(t, 'committee_admin', tree.districtA);
    const survey = await createSurvey(t.db, tree.grassA, {
      title: 'Đánh giá sinh hoạt chi bộ (ẩn danh)',
      anonymous: true,
      resultsVisibility: 'live',
      questions: [
        { type: 'single', required: true, text: 'Đồng chí có hài lòng?', options: ['Có', 'Không'] },
        { type: 'short_text', required: false, text: 'Vì sao?' },
      ],
    });
    const [yesNo, why] = survey.questions;
    const members: { id: string; token: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const member = await createMember(t.db, tree.branchA, { fullName: `Đảng viên số ${i}` });
      members.push({ id: member.id, token: (await signedIn(t, 'member', tree.branchA, { memberId: member.id })).token });
    }
    const target = members[1];
    const other = members[2];
    let trapBranch: Committee | null = null;
    if (trap) {
      trapBranch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ bẫy' });
      await t.http().post(`/api/members/${target.id}/transfer`).set(auth(attacker)).send({ committeeId: trapBranch.id }).expect(200);
    }
    const no = [
      { questionId: yesNo.id, optionIds: [yesNo.options[1].id] },
      { questionId: why.id, text: SECRET },
    ];
    const yes = [
      { questionId: yesNo.id, optionIds: [yesNo.options[0].id] },
      { questionId: why.id, text: 'Sinh hoạt đều đặn' },
    ];

    const views: string[] = [];
    const look = async () => {
      const reads = await Promise.all([
        t.http().get(`/api/surveys/${survey.id}/results`).set(auth(attacker)),
        t.http().get(`/api/surveys/${survey.id}/results/export?format=csv`).set(auth(attacker)),
        t.http().get(`/api/surveys/${survey.id}`).set(auth(attacker)),
        t
          .http()
          .get(`/api/surveys?filter=${encodeURIComponent(JSON.stringify({ id: [survey.id] }))}`)
          .set(auth(attacker)),
      ]);
      views.push(normalise(reads.map((r) => [r.status, r.body, r.type === 'text/csv' ? r.text : null])));
    };
    await look();
    for (const member of members) {
      const answers = member === target ? (targetSaysNo ? no : yes) : member === other ? (targetSaysNo ? yes : no) : yes;
      await t.http().post(`/api/surveys/${survey.id}/responses`).set(auth(member.token)).send({ answers }).expect(201);
      await look();
    }
    await t.http().post(`/api/surveys/${survey.id}/close`).set(auth(attacker)).expect(200);
    await look();
    const final = (await t.http().get(`/api/surveys/${survey.id}/results`).set(auth(attacker)).expect(200)).body;
    return { views, final, trapBranch };
  }

  for (const trap of [true, false]) {
    it(`${trap ? 'the transfer trap' : 'polling without a trap'}: staff see the same thing whichever of two members gave the "No"`, async () => {
      const a = await world(trap, true);
      const b = await world(trap, false);
      // every view after every answer, the export and the final results included, is the same in both worlds
      expect(a.views).toEqual(b.views);
      // the answers are all there in the end: the test would see a difference if there were one to see
      expect(a.final).toMatchObject({ respondents: 10, suppressed: false });
      expect(a.final.questions[0].options.map((o: any) => [o.text, o.count])).toEqual([
        ['Có', 9],
        ['Không', 1],
      ]);
      expect(a.final.questions[1].textAnswers).toContainEqual({ text: SECRET, memberName: null, committeeName: null });
      expect(a.final.questions[1].textAnswers).toHaveLength(10);
      if (a.trapBranch) {
        // the trap branch's one respondent is not shown, nor the sibling that would give it away by difference
        expect(a.final.participation.find((p: any) => p.committeeId === a.trapBranch!.id)).toMatchObject({
          respondents: null,
          suppressed: true,
        });
        expect(a.final.participation.every((p: any) => p.suppressed)).toBe(true);
      }
    });
  }

  it('answers arriving at once are released in steps of at least k, and none waits once k could be released', async () => {
    const tree = await createTree(t.db);
    const survey = await createSurvey(t.db, tree.districtA, { anonymous: true, resultsVisibility: 'live' });
    const q = survey.questions[0];
    const tokens = await Promise.all(Array.from({ length: 13 }, () => signedToken(t, 'member', tree.branchA)));
    const answers = await Promise.all(
      tokens.map((token) =>
        t
          .http()
          .post(`/api/surveys/${survey.id}/responses`)
          .set(auth(token))
          .send({ answers: [{ questionId: q.id, optionIds: [q.options[0].id] }] }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(13).fill(201));
    const [row] = await t.db.query(
      `SELECT count(*) FILTER (WHERE released)::int AS released, count(*) FILTER (WHERE NOT released)::int AS waiting FROM survey_responses WHERE survey_id = $1`,
      [survey.id],
    );
    expect(row.released + row.waiting).toBe(13);
    expect(row.released).toBeGreaterThanOrEqual(5);
    expect(row.waiting).toBeLessThan(5);
    const staff = await signedToken(t, 'committee_admin', tree.districtA);
    const r = (await t.http().get(`/api/surveys/${survey.id}/results`).set(auth(staff)).expect(200)).body;
    expect(r.respondents).toBe(row.released);
  });

  it('nothing is counted for fewer than k respondents: not the results, the export, or the respondent count (hidden results too)', async () => {
    const tree = await createTree(t.db);
    const staff = await signedToken(t, 'committee_admin', tree.districtA);
    const survey = await createSurvey(t.db, tree.districtA, {
      anonymous: true,
      questions: [
        { type: 'single', required: true, text: 'Đồng ý?', options: ['Có', 'Không'] },
        { type: 'long_text', required: false, text: 'Ý kiến' },
      ],
    });
    const [q, text] = survey.questions;
    for (let i = 0; i < 4; i++) {
      const token = await signedToken(t, 'member', tree.branchA);
      await t
        .http()
        .post(`/api/surveys/${survey.id}/responses`)
        .set(auth(token))
        .send({
          answers: [
            { questionId: q.id, optionIds: [q.options[i % 2].id] },
            { questionId: text.id, text: `ý kiến ${i}` },
          ],
        })
        .expect(201);
    }
    // results hidden (after_close) and still the count is not shown below k
    const detail = await t.http().get(`/api/surveys/${survey.id}`).set(auth(staff)).expect(200);
    expect(detail.body).toMatchObject({ respondents: null, respondentsSuppressed: true });
    const listed = await t
      .http()
      .get(`/api/surveys?filter=${encodeURIComponent(JSON.stringify({ id: [survey.id] }))}`)
      .set(auth(staff))
      .expect(200);
    expect(listed.body[0]).toMatchObject({ respondents: null, respondentsSuppressed: true });

    await t.http().post(`/api/surveys/${survey.id}/close`).set(auth(staff)).expect(200);
    const r = (await t.http().get(`/api/surveys/${survey.id}/results`).set(auth(staff)).expect(200)).body;
    expect(r).toMatchObject({ suppressed: true, respondents: null, responseRate: null, responsesByDay: [], anonymityThreshold: 5 });
    expect(r.questions[0]).toMatchObject({ suppressed: true, answered: null, skipped: null });
    expect(r.questions[0].options.map((o: any) => o.count)).toEqual([null, null]);
    expect(r.questions[1]).toMatchObject({ suppressed: true, textAnswers: [], textAnswerCount: null });
    expect(JSON.stringify(r)).not.toContain('ý kiến');
    const csv = await t.http().get(`/api/surveys/${survey.id}/results/export?format=csv`).set(auth(staff)).expect(200);
    expect(csv.text).not.toContain('ý kiến');
    expect(csv.text).toContain('Ẩn (dưới 5 người trả lời)');
    expect(csv.text).not.toMatch(/Số người trả lời,4/);
  });

  it('free text needs k answers to the question; options and ratings of a question answered by fewer than k are hidden', async () => {
    const tree = await createTree(t.db);
    const staff = await signedToken(t, 'committee_admin', tree.districtA);
    const survey = await createSurvey(t.db, tree.districtA, {
      anonymous: true,
      questions: [
        { type: 'single', required: true, text: 'Đồng ý?', options: ['Có', 'Không'] },
        { type: 'rating', required: false, text: 'Chấm điểm' },
        { type: 'short_text', required: false, text: 'Ý kiến' },
      ],
    });
    const [q, rating, text] = survey.questions;
    for (let i = 0; i < 6; i++) {
      const token = await signedToken(t, 'member', tree.branchA);
      const answers: object[] = [{ questionId: q.id, optionIds: [q.options[0].id] }];
      if (i < 2) answers.push({ questionId: rating.id, value: 1 + i }, { questionId: text.id, text: `riêng ${i}` });
      await t.http().post(`/api/surveys/${survey.id}/responses`).set(auth(token)).send({ answers }).expect(201);
    }
    await t.http().post(`/api/surveys/${survey.id}/close`).set(auth(staff)).expect(200);
    const r = (await t.http().get(`/api/surveys/${survey.id}/results`).set(auth(staff)).expect(200)).body;
    expect(r).toMatchObject({ suppressed: false, respondents: 6 });
    expect(r.questions[0]).toMatchObject({ suppressed: false, answered: 6 });
    expect(r.questions[1]).toMatchObject({ suppressed: true, answered: null, rating: { average: null } });
    expect(r.questions[2]).toMatchObject({ suppressed: true, textAnswers: [], textAnswerCount: null });
    expect(JSON.stringify(r)).not.toContain('riêng');
  });

  describe('anonymity and results visibility are fixed once the survey opens (finding 4)', () => {
    /** The PUT body of a stored survey, as the dashboard sends it. */
    const putBody = (s: any, over: object) => ({
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
      ...over,
    });

    it('a member reads anonymous: true; staff cannot switch it off (nor results to live) while it is open: 409, unchanged', async () => {
      const tree = await createTree(t.db);
      const staff = await signedToken(t, 'committee_admin', tree.districtA);
      const survey = await createSurvey(t.db, tree.districtA, { anonymous: true });
      const member = await signedToken(t, 'member', tree.branchA);
      const seen = await t.http().get(`/api/me/surveys/${survey.id}`).set(auth(member)).expect(200);
      expect(seen.body.anonymous).toBe(true);

      const stored = (await t.http().get(`/api/surveys/${survey.id}`).set(auth(staff)).expect(200)).body;
      for (const change of [{ anonymous: false }, { resultsVisibility: 'live' }]) {
        const res = await t.http().put(`/api/surveys/${survey.id}`).set(auth(staff)).send(putBody(stored, change)).expect(409);
        expect(res.body.code).toBe('SURVEY_PRIVACY_LOCKED');
      }
      const after = (await t.http().get(`/api/surveys/${survey.id}`).set(auth(staff)).expect(200)).body;
      expect(after).toMatchObject({ anonymous: true, resultsVisibility: 'after_close' });
      // wording may still change
      await t
        .http()
        .put(`/api/surveys/${survey.id}`)
        .set(auth(staff))
        .send(putBody(stored, { title: 'Tên mới' }))
        .expect(200);
      // a draft may still change both
      const draft = await createSurvey(t.db, tree.districtA, { status: 'draft', anonymous: true });
      const d = (await t.http().get(`/api/surveys/${draft.id}`).set(auth(staff)).expect(200)).body;
      const changed = await t
        .http()
        .put(`/api/surveys/${draft.id}`)
        .set(auth(staff))
        .send(putBody(d, { anonymous: false, resultsVisibility: 'live' }))
        .expect(200);
      expect(changed.body).toMatchObject({ anonymous: false, resultsVisibility: 'live' });
    });

    it('a submission carries the anonymity the member was shown: a mismatch is 409 and nothing is stored', async () => {
      const tree = await createTree(t.db);
      const named = await createSurvey(t.db, tree.districtA, { anonymous: false });
      const secret = await createSurvey(t.db, tree.districtA, { anonymous: true });
      const member = await signedToken(t, 'member', tree.branchA);
      const answers = (s: typeof named) => [{ questionId: s.questions[0].id, optionIds: [s.questions[0].options[0].id] }];
      const count = async (id: string) =>
        (
          await t.db.query(
            `SELECT (SELECT count(*) FROM survey_responses WHERE survey_id = $1)::int AS r, (SELECT count(*) FROM survey_participations WHERE survey_id = $1)::int AS p`,
            [id],
          )
        )[0];

      const refused = await t
        .http()
        .post(`/api/surveys/${named.id}/responses`)
        .set(auth(member))
        .send({ anonymous: true, answers: answers(named) })
        .expect(409);
      expect(refused.body.code).toBe('SURVEY_ANONYMITY_CHANGED');
      const refusedToo = await t
        .http()
        .post(`/api/me/surveys/${secret.id}/responses`)
        .set(auth(member))
        .send({ anonymous: false, answers: answers(secret) })
        .expect(409);
      expect(refusedToo.body.code).toBe('SURVEY_ANONYMITY_CHANGED');
      expect(await count(named.id)).toEqual({ r: 0, p: 0 });
      expect(await count(secret.id)).toEqual({ r: 0, p: 0 });

      await t
        .http()
        .post(`/api/surveys/${named.id}/responses`)
        .set(auth(member))
        .send({ anonymous: false, answers: answers(named) })
        .expect(201);
      // older clients that do not send it are still served
      await t
        .http()
        .post(`/api/surveys/${secret.id}/responses`)
        .set(auth(member))
        .send({ answers: answers(secret) })
        .expect(201);
      expect(await count(named.id)).toEqual({ r: 1, p: 1 });
      expect(await count(secret.id)).toEqual({ r: 1, p: 1 });
      const bad = await t
        .http()
        .post(`/api/surveys/${secret.id}/responses`)
        .set(auth(member))
        .send({ anonymous: 'yes', answers: [] })
        .expect(400);
      expect(Object.keys(bad.body.errors)).toEqual(['anonymous']);
    });
  });
});
