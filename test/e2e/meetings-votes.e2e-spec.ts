import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Committee } from '../../src/committees/committee.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { MeetingExcuse } from '../../src/meetings/entities/meeting-excuse.entity.js';
import { MeetingMotion } from '../../src/meetings/entities/meeting-motion.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { MotionVote } from '../../src/meetings/entities/motion-vote.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createCommittee, createMember, createTree } from '../factories/index.js';
import { signedIn, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** A scheduled meeting with the given members invited (local until the planning routes land). */
async function scheduledMeeting(db: DataSource, committee: Committee, invited: Member[]): Promise<Meeting> {
  const startsAt = minutes(-5);
  const meeting = await db.getRepository(Meeting).save({
    committeeId: committee.id,
    kind: 'regular',
    month: `${startsAt.toISOString().slice(0, 7)}-01`,
    title: 'Sinh hoạt chi bộ thường kỳ',
    startsAt,
    endsAt: minutes(115),
    status: 'scheduled',
    scheduledAt: new Date(),
  });
  await db
    .getRepository(MeetingAttendance)
    .save(invited.map((m) => ({ meetingId: meeting.id, memberId: m.id, official: m.status === 'official', exempt: m.exempted })));
  return meeting;
}

describe('meeting votes', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretary: string;
  let otherSecretary: string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    secretary = await signedToken(t, 'secretary', tree.branchA);
    otherSecretary = await signedToken(t, 'secretary', tree.branchB);
  });
  afterAll(async () => t?.close());

  const member = async (fullName: string, over: Partial<Member> = {}, committee = tree.branchA) => {
    const record = await createMember(t.db, committee, { fullName, ...over });
    return { record, token: (await signedIn(t, 'member', committee, { memberId: record.id })).token };
  };
  const motionRow = (id: string) => t.db.getRepository(MeetingMotion).findOneByOrFail({ id });
  const stored = async (motionId: string) => ({
    votes: await t.db.getRepository(MotionVote).countBy({ motionId }),
    counts: await motionRow(motionId).then((m) => [m.agreeCount, m.disagreeCount, m.otherCount]),
  });

  it('counts an open vote once, refuses ineligible voters with nothing stored, and decides by the full members counted', async () => {
    const an = await member('Nguyễn Văn An');
    const binh = await member('Trần Văn Bình');
    const chi = await member('Phạm Thị Chi');
    const probationary = await member('Lê Văn Dự bị', { status: 'probationary', officialAt: null });
    const late = await member('Đỗ Văn Đến muộn'); // never checks in
    const excused = await member('Vũ Thị Giang'); // absent, excuse accepted: not counted
    const exempt = await member('Bùi Văn Khải', { exempted: true, exemptedAt: '2024-01-01' }); // absent, exempted: not counted
    const stranger = await member('Người chi bộ khác', {}, tree.branchB);
    const meeting = await scheduledMeeting(
      t.db,
      tree.branchA,
      [an, binh, chi, probationary, late, excused, exempt].map((m) => m.record),
    );
    await t.db.getRepository(MeetingExcuse).save({ meetingId: meeting.id, memberId: excused.record.id, reason: 'Ốm', status: 'accepted' });

    // no motion before the meeting starts
    const early = await t.http().post(`/api/meetings/${meeting.id}/motions`).set(auth(secretary)).send({ title: 'Sớm', secret: false });
    expect([early.status, early.body.code]).toEqual([409, 'MEETING_NOT_IN_PROGRESS']);
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    for (const m of [an, binh, chi, probationary]) {
      await t
        .http()
        .put(`/api/meetings/${meeting.id}/attendance/${m.record.id}`)
        .set(auth(secretary))
        .send({ state: 'present' })
        .expect(200);
    }
    const opened = await t
      .http()
      .post(`/api/meetings/${meeting.id}/motions`)
      .set(auth(secretary))
      .send({ title: 'Thông qua kế hoạch tu sửa nhà văn hóa xóm', secret: false })
      .expect(201);
    expect(opened.body).toMatchObject({ position: 1, status: 'open', secret: false, agreeCount: 0, votedCount: 0, denominator: null });
    const motionId = opened.body.id;
    const vote = (token: string, body: object) =>
      t.http().post(`/api/me/meetings/${meeting.id}/motions/${motionId}/vote`).set(auth(token)).send(body);

    expect((await vote(probationary.token, { choice: 'agree' }).expect(403)).body.code).toBe('VOTE_NOT_ELIGIBLE');
    expect((await vote(late.token, { choice: 'agree' }).expect(403)).body.code).toBe('VOTE_NOT_CHECKED_IN');
    expect((await vote(stranger.token, { choice: 'agree' }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await vote(an.token, { choice: 'other' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await vote(an.token, { choice: 'agree', otherText: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await vote(an.token, { choice: 'maybe' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await stored(motionId)).toEqual({ votes: 0, counts: [0, 0, 0] });

    // a vote sent twice at once (a retry racing the first): counted once
    const [a, b] = await Promise.all([vote(an.token, { choice: 'agree' }), vote(an.token, { choice: 'agree' })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('ALREADY_VOTED');
    expect((await vote(an.token, { choice: 'disagree' }).expect(409)).body.code).toBe('ALREADY_VOTED');
    await vote(binh.token, { choice: 'agree' }).expect(201);
    await vote(chi.token, { choice: 'other', otherText: 'Cần thêm kinh phí' }).expect(201);
    expect(await stored(motionId)).toEqual({ votes: 3, counts: [2, 0, 1] });

    // staff see an open motion live, with names
    const live = await t.http().get(`/api/meetings/${meeting.id}/motions`).set(auth(secretary)).expect(200);
    expect(live.body[0]).toMatchObject({ agreeCount: 2, disagreeCount: 0, otherCount: 1, votedCount: 3, resultsWithheld: null });
    expect(live.body[0].votes.map((v: { fullName: string; choice: string }) => [v.fullName, v.choice])).toEqual([
      // in Vietnamese order: by given name (An, Bình, Chi)
      ['Nguyễn Văn An', 'agree'],
      ['Trần Văn Bình', 'agree'],
      ['Phạm Thị Chi', 'other'],
    ]);
    // members see whether they voted, and the results only once it closes
    const mine = await t.http().get(`/api/me/meetings/${meeting.id}/motions`).set(auth(an.token)).expect(200);
    expect(mine.body[0]).toMatchObject({ hasVoted: true, agreeCount: null, resultsWithheld: 'not_closed' });
    const theirs = await t.http().get(`/api/me/meetings/${meeting.id}/motions`).set(auth(late.token)).expect(200);
    expect(theirs.body[0].hasVoted).toBe(false);
    expect((await t.http().get(`/api/meetings/${meeting.id}/motions`).set(auth(otherSecretary)).expect(404)).body.code).toBe('NOT_FOUND');
    expect(
      (await t.http().post(`/api/meetings/${meeting.id}/motions/${motionId}/close`).set(auth(otherSecretary)).expect(404)).body.code,
    ).toBe('NOT_FOUND');

    const closed = await t.http().post(`/api/meetings/${meeting.id}/motions/${motionId}/close`).set(auth(secretary)).expect(200);
    // full members: An, Bình, Chi (present), Đến muộn (absent, counted); Giang (excused) and Khải (exempt) absent, not counted
    expect(closed.body).toMatchObject({ status: 'closed', denominator: 4, passed: false, agreeCount: 2 });
    expect((await vote(late.token, { choice: 'agree' }).expect(403)).body.code).toBe('VOTE_NOT_CHECKED_IN');
    await t.http().put(`/api/meetings/${meeting.id}/attendance/${late.record.id}`).set(auth(secretary)).send({ state: 'late' }).expect(200);
    expect((await vote(late.token, { choice: 'agree' }).expect(409)).body.code).toBe('MOTION_CLOSED');
    expect(await stored(motionId)).toEqual({ votes: 3, counts: [2, 0, 1] });
    expect((await t.http().post(`/api/meetings/${meeting.id}/motions/${motionId}/close`).set(auth(secretary)).expect(409)).body.code).toBe(
      'MOTION_CLOSED',
    );
    const after = await t.http().get(`/api/me/meetings/${meeting.id}/motions`).set(auth(an.token)).expect(200);
    expect(after.body[0]).toMatchObject({ agreeCount: 2, otherCount: 1, otherOpinions: ['Cần thêm kinh phí'], passed: false });
    expect(after.body[0].votes).toBeUndefined();

    // a second motion passes with 3 of the 4 now present; closing the meeting closes it
    const second = await t
      .http()
      .post(`/api/meetings/${meeting.id}/motions`)
      .set(auth(secretary))
      .send({ title: 'Kết nạp', secret: false });
    for (const m of [an, binh, late]) {
      await t
        .http()
        .post(`/api/me/meetings/${meeting.id}/motions/${second.body.id}/vote`)
        .set(auth(m.token))
        .send({ choice: 'agree' })
        .expect(201);
    }
    await t.http().post(`/api/meetings/${meeting.id}/close`).set(auth(secretary)).expect(200);
    expect(await motionRow(second.body.id)).toMatchObject({ status: 'closed', denominator: 4, passed: true, agreeCount: 3 });
    const afterClose = await t
      .http()
      .post(`/api/meetings/${meeting.id}/motions`)
      .set(auth(secretary))
      .send({ title: 'Muộn', secret: false });
    expect([afterClose.status, afterClose.body.code]).toEqual([409, 'MEETING_NOT_IN_PROGRESS']);
  });
  it('leaves members on an activity hold out of the denominator: a suspended member neither checks in nor votes, a transfer who comes counts', async () => {
    // a branch of 4 full members: one temporarily attending elsewhere, one suspended
    const branch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Làng Giàng' });
    const sec = await signedToken(t, 'secretary', branch);
    const an = await member('Hà Văn An', {}, branch);
    const binh = await member('Hà Thị Bình', {}, branch);
    const tam = await member('Hà Văn Tạm', {}, branch);
    const dinh = await member('Hà Văn Đình', {}, branch);
    // the secretary records the holds through the member register
    await t
      .http()
      .put(`/api/members/${tam.record.id}`)
      .set(auth(sec))
      .send({ activityHold: 'temporary_transfer', activityHoldSince: '2026-01-05', activityHoldNote: 'Chi bộ Trường THPT Nguyễn Huệ' })
      .expect(200);
    await t
      .http()
      .put(`/api/members/${dinh.record.id}`)
      .set(auth(sec))
      .send({ activityHold: 'suspended', activityHoldSince: '2026-01-10', activityHoldNote: 'Quyết định số 15-QĐ/ĐU' })
      .expect(200);

    // planned and scheduled through the routes: the invitations snapshot the holds
    const created = await t
      .http()
      .post('/api/meetings')
      .set(auth(sec))
      .send({
        committeeId: branch.id,
        kind: 'extraordinary',
        month: minutes(10).toISOString().slice(0, 7),
        title: 'Sinh hoạt chi bộ bất thường',
        startsAt: minutes(10).toISOString(),
        endsAt: minutes(130).toISOString(),
      })
      .expect(201);
    const id = created.body.id;
    await t.http().post(`/api/meetings/${id}/schedule`).set(auth(sec)).expect(200);
    await t.http().post(`/api/meetings/${id}/start`).set(auth(sec)).expect(200);
    const holds = async () =>
      Object.fromEntries(
        (await t.http().get(`/api/meetings/${id}/attendance`).set(auth(sec)).expect(200)).body.items.map(
          (r: { fullName: string; hold: string | null; state: string }) => [r.fullName, [r.hold, r.state]],
        ),
      );
    expect(await holds()).toEqual({
      'Hà Thị Bình': [null, 'invited'],
      'Hà Văn An': [null, 'invited'],
      'Hà Văn Đình': ['suspended', 'invited'],
      'Hà Văn Tạm': ['temporary_transfer', 'invited'],
    });

    // the suspended member: check-in refused (by code and by the secretary), nothing stored
    const { code } = (await t.http().get(`/api/meetings/${id}/check-in-code`).set(auth(sec)).expect(200)).body;
    const checkIn = (token: string) => t.http().post(`/api/me/meetings/${id}/check-in`).set(auth(token)).send({ code });
    expect((await checkIn(dinh.token).expect(403)).body.code).toBe('CHECK_IN_NOT_ELIGIBLE');
    const marked = await t
      .http()
      .put(`/api/meetings/${id}/attendance/${dinh.record.id}`)
      .set(auth(sec))
      .send({ state: 'present' })
      .expect(403);
    expect(marked.body.code).toBe('CHECK_IN_NOT_ELIGIBLE');
    expect(await t.db.getRepository(MeetingAttendance).findOneByOrFail({ meetingId: id, memberId: dinh.record.id })).toMatchObject({
      state: 'invited',
      checkedInAt: null,
      markedBy: null,
    });
    await checkIn(an.token).expect(200);
    await checkIn(binh.token).expect(200);

    const open = async (title: string) =>
      (await t.http().post(`/api/meetings/${id}/motions`).set(auth(sec)).send({ title, secret: false }).expect(201)).body.id as string;
    const vote = (motionId: string, token: string) =>
      t.http().post(`/api/me/meetings/${id}/motions/${motionId}/vote`).set(auth(token)).send({ choice: 'agree' });
    const close = async (motionId: string) =>
      (await t.http().post(`/api/meetings/${id}/motions/${motionId}/close`).set(auth(sec)).expect(200)).body;

    // the transferred member away, the suspended one not counted: denominator 2, two agree, it passes
    const first = await open('Thông qua kế hoạch làm đường liên thôn');
    await vote(first, an.token).expect(201);
    await vote(first, binh.token).expect(201);
    expect((await vote(first, dinh.token).expect(403)).body.code).toBe('VOTE_NOT_ELIGIBLE');
    expect(await stored(first)).toEqual({ votes: 2, counts: [2, 0, 0] });
    expect(await close(first)).toMatchObject({ denominator: 2, agreeCount: 2, passed: true });
    // the member on temporary transfer comes and checks in: counted (denominator 3), votes
    await checkIn(tam.token).expect(200);
    const second = await open('Thông qua danh sách đề nghị khen thưởng');
    await vote(second, an.token).expect(201);
    expect(await close(second)).toMatchObject({ denominator: 3, agreeCount: 1, passed: false });
    const third = await open('Thông qua nghị quyết chuyên đề');
    for (const m of [an, binh, tam]) await vote(third, m.token).expect(201);
    expect((await vote(third, dinh.token).expect(403)).body.code).toBe('VOTE_NOT_ELIGIBLE');
    expect(await close(third)).toMatchObject({ denominator: 3, agreeCount: 3, passed: true });

    // at the close the suspended member, who never came, is excused (absent for a reason the branch knows)
    const closed = await t.http().post(`/api/meetings/${id}/close`).set(auth(sec)).expect(200);
    expect(closed.body.summary).toMatchObject({ invited: 4, present: 3, excused: 1, unexcused: 0, pending: 0 });
    expect(await holds()).toEqual({
      'Hà Thị Bình': [null, 'present'],
      'Hà Văn An': [null, 'present'],
      'Hà Văn Đình': ['suspended', 'excused'],
      'Hà Văn Tạm': ['temporary_transfer', 'present'],
    });
    // the minutes say why he was away
    const minutesBody = (await t.http().get(`/api/meetings/${id}/minutes`).set(auth(sec)).expect(200)).body;
    expect(minutesBody.attendance.absentees).toEqual([
      { memberId: dinh.record.id, fullName: 'Hà Văn Đình', state: 'excused', hold: 'suspended' },
    ]);
    // the meeting report's counters (migrations/1796442480804-meeting-report.ts) equal a recount of the rows
    const [report] = await t.db.query(`SELECT expected, attended FROM meeting_report_meetings WHERE meeting_id = $1`, [id]);
    const [recount] = await t.db.query(
      `SELECT count(*) FILTER (WHERE state <> 'exempt')::int AS expected, count(*) FILTER (WHERE state IN ('present', 'late'))::int AS attended
         FROM meeting_attendance WHERE meeting_id = $1`,
      [id],
    );
    expect(report).toEqual(recount);
    expect(report).toEqual({ expected: 4, attended: 3 });
  });
});
