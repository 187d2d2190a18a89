import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Committee } from '../../src/committees/committee.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { MeetingMotion } from '../../src/meetings/entities/meeting-motion.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createMember, createTree } from '../factories/index.js';
import { signedIn, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const FIRST_TEXT = 'Zalo nhóm chi bộ cần quy định giờ nhắn tin'; // cast first, sorts last
const SECOND_TEXT = 'An toàn lao động phải bàn trước';

/** A scheduled meeting with the given members invited (local until the planning routes land). */
async function scheduledMeeting(db: DataSource, committee: Committee, invited: Member[]): Promise<Meeting> {
  const startsAt = minutes(-5);
  const meeting = await db.getRepository(Meeting).save({
    committeeId: committee.id,
    kind: 'regular',
    month: `${startsAt.toISOString().slice(0, 7)}-01`,
    title: 'Sinh hoạt chi bộ: bỏ phiếu kín',
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

/**
 * Secret ballots are unlinkable by construction (issue 16 item 4): after a secret vote no staff or
 * member route, no export, no audit line, no timestamp and no ordering links a ballot to a voter.
 * k is the anonymous surveys' default, 5.
 */
describe('secret ballot anonymity', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretary: string;
  let admin: string;
  let meeting: Meeting;
  let voters: { record: Member; token: string; userId: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    secretary = await signedToken(t, 'secretary', tree.branchA);
    admin = await signedToken(t, 'admin', null);
    voters = [];
    for (let i = 0; i < 7; i++) {
      const record = await createMember(t.db, tree.branchA, { fullName: `Đảng viên số ${i}` });
      const { user, token } = await signedIn(t, 'member', tree.branchA, { memberId: record.id });
      voters.push({ record, token, userId: user.id });
    }
    meeting = await scheduledMeeting(
      t.db,
      tree.branchA,
      voters.map((v) => v.record),
    );
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    for (const v of voters) {
      await t
        .http()
        .put(`/api/meetings/${meeting.id}/attendance/${v.record.id}`)
        .set(auth(secretary))
        .send({ state: 'present' })
        .expect(200);
    }
  });
  afterAll(async () => t?.close());

  const openMotion = async (title: string) =>
    (await t.http().post(`/api/meetings/${meeting.id}/motions`).set(auth(secretary)).send({ title, secret: true }).expect(201)).body
      .id as string;
  const vote = (token: string, motionId: string, body: object) =>
    t.http().post(`/api/me/meetings/${meeting.id}/motions/${motionId}/vote`).set(auth(token)).send(body);
  const staffView = async (motionId: string) =>
    ((await t.http().get(`/api/meetings/${meeting.id}/motions`).set(auth(secretary)).expect(200)).body as { id: string }[]).find(
      (m) => m.id === motionId,
    )!;

  it('stores a secret ballot with no member, no time and no order, and shows the counts only once closed', async () => {
    const motionId = await openMotion('Bầu tổ trưởng tổ đảng (phiếu kín)');
    const ballots = [
      { choice: 'other', otherText: FIRST_TEXT },
      { choice: 'agree' },
      { choice: 'other', otherText: SECOND_TEXT },
      { choice: 'agree' },
      { choice: 'disagree' },
      { choice: 'agree' },
    ];
    for (const [i, ballot] of ballots.entries()) {
      const res = await vote(voters[i].token, motionId, ballot).expect(201);
      expect(res.body).toEqual({ motionId, counted: true });
    }
    // a second ballot, also a retry: 409, nothing counted
    expect((await vote(voters[0].token, motionId, { choice: 'agree' }).expect(409)).body.code).toBe('ALREADY_VOTED');

    // while open: nobody sees counts (the order of votes against a live tally would single voters out)
    const open = await staffView(motionId);
    expect(open).toMatchObject({ agreeCount: null, disagreeCount: null, otherCount: null, otherOpinions: null, votedCount: 6 });
    expect(open).toMatchObject({ resultsWithheld: 'secret_open', votes: null, anonymityThreshold: 5 });

    // the tables: the ballots carry no member and no time; the markers carry no choice; no named vote row
    const columns = async (table: string) =>
      (
        (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`, [table])) as {
          column_name: string;
        }[]
      ).map((c) => c.column_name);
    expect(await columns('motion_secret_ballots')).toEqual(['id', 'motion_id', 'other_text']);
    expect(await columns('motion_voters')).toEqual(['member_id', 'motion_id']);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM motion_votes WHERE motion_id = $1`, [motionId])).toEqual([{ n: 0 }]);
    const row = await t.db.getRepository(MeetingMotion).findOneByOrFail({ id: motionId });
    expect([row.agreeCount, row.disagreeCount, row.otherCount]).toEqual([3, 1, 2]);

    await t.http().post(`/api/meetings/${meeting.id}/motions/${motionId}/close`).set(auth(secretary)).expect(200);
    const closed = await staffView(motionId);
    // counts shown (6 ballots ≥ k), the texts sorted by text, not in the order cast
    expect(closed).toMatchObject({ agreeCount: 3, disagreeCount: 1, otherCount: 2, resultsWithheld: null, denominator: 7, passed: false });
    expect((closed as unknown as { otherOpinions: string[] }).otherOpinions).toEqual([SECOND_TEXT, FIRST_TEXT]);

    // what every reader sees is the same whoever chose what: the voter of "other" and a voter of "agree" read identical bodies
    const asMember = async (i: number) =>
      (await t.http().get(`/api/me/meetings/${meeting.id}/motions`).set(auth(voters[i].token)).expect(200)).body;
    expect(await asMember(0)).toEqual(await asMember(1));
    const abstainer = (await asMember(6)) as { id: string; hasVoted: boolean }[];
    expect(abstainer.find((m) => m.id === motionId)!.hasVoted).toBe(false);

    // no staff route, export or audit line names a voter next to a choice or a text
    const staffReads = [
      await t.http().get(`/api/meetings/${meeting.id}/motions`).set(auth(admin)).expect(200),
      await t.http().get(`/api/meetings/${meeting.id}/attendance`).set(auth(admin)).expect(200),
      await t.http().get('/api/audit-log').query({ range: '[0,499]' }).set(auth(admin)).expect(200),
    ].map((r) => JSON.stringify(r.body));
    const motionsRead = staffReads[0];
    for (const v of voters) expect(motionsRead).not.toContain(v.record.id);
    for (const v of voters) expect(motionsRead).not.toContain(v.record.fullName);
    const audit = JSON.stringify(await t.db.query(`SELECT * FROM audit_log`));
    for (const v of voters) {
      expect(audit).not.toContain(v.userId); // nothing at all is logged for a vote
    }
    expect(audit).not.toContain(FIRST_TEXT);
    expect(audit).not.toContain(SECOND_TEXT);
    expect(audit).not.toMatch(/"(agree|disagree|other)"/);
    for (const i of [0, 1]) {
      const exported = await t.http().get('/api/me/export').set(auth(voters[i].token)).expect(200);
      const body = JSON.stringify(exported.body);
      expect(body).not.toContain(FIRST_TEXT);
      expect(body).not.toContain(motionId);
    }
  });

  it('refuses a simultaneous second ballot by the same member (the marker is the guard) and counts it once', async () => {
    const motionId = await openMotion('Thông qua nghị quyết tháng (phiếu kín)');
    const [a, b] = await Promise.all([
      vote(voters[0].token, motionId, { choice: 'agree' }),
      vote(voters[0].token, motionId, { choice: 'other', otherText: 'Lần thứ hai' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const row = await t.db.getRepository(MeetingMotion).findOneByOrFail({ id: motionId });
    expect(row.agreeCount + row.disagreeCount + row.otherCount).toBe(1);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM motion_voters WHERE motion_id = $1`, [motionId])).toEqual([{ n: 1 }]);
    const texts = await t.db.query(`SELECT count(*)::int AS n FROM motion_secret_ballots WHERE motion_id = $1`, [motionId]);
    expect(texts).toEqual([{ n: a.status === 201 ? 0 : 1 }]);
  });

  it('withholds the counts of a closed secret motion with fewer than k ballots, and says so', async () => {
    const motionId = await openMotion('Đề nghị khen thưởng (phiếu kín)');
    await vote(voters[0].token, motionId, { choice: 'agree' }).expect(201);
    await vote(voters[1].token, motionId, { choice: 'disagree' }).expect(201);
    await vote(voters[2].token, motionId, { choice: 'other', otherText: 'Xem xét lại' }).expect(201);
    await t.http().post(`/api/meetings/${meeting.id}/motions/${motionId}/close`).set(auth(secretary)).expect(200);
    for (const view of [
      await staffView(motionId),
      ((await t.http().get(`/api/me/meetings/${meeting.id}/motions`).set(auth(voters[0].token)).expect(200)).body as { id: string }[]).find(
        (m) => m.id === motionId,
      )!,
    ]) {
      expect(view).toMatchObject({
        status: 'closed',
        agreeCount: null,
        disagreeCount: null,
        otherCount: null,
        otherOpinions: null,
        resultsWithheld: 'below_threshold',
        anonymityThreshold: 5,
        votedCount: 3,
        denominator: 7,
        passed: false,
      });
    }
  });
});
