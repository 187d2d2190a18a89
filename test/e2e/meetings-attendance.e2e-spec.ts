import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Committee } from '../../src/committees/committee.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { MeetingExcuse } from '../../src/meetings/entities/meeting-excuse.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { checkInCode, codeWindow } from '../../src/meetings/meetings.rules.js';
import type { Member } from '../../src/members/member.entity.js';
import { createMember, createTree } from '../factories/index.js';
import { signedIn, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/**
 * A scheduled meeting of `committee` with every given member invited (what POST /schedule does;
 * local until the planning routes land: test/factories/meetings.ts is the member-side helper's).
 */
async function scheduledMeeting(db: DataSource, committee: Committee, invited: Member[], startsAt: Date, endsAt: Date): Promise<Meeting> {
  const meeting = await db.getRepository(Meeting).save({
    committeeId: committee.id,
    kind: 'regular',
    month: `${startsAt.toISOString().slice(0, 7)}-01`,
    title: 'Sinh hoạt chi bộ thường kỳ',
    startsAt,
    endsAt,
    status: 'scheduled',
    scheduledAt: new Date(),
  });
  await db
    .getRepository(MeetingAttendance)
    .save(invited.map((m) => ({ meetingId: meeting.id, memberId: m.id, official: m.status === 'official', exempt: m.exempted })));
  return meeting;
}

describe('meeting attendance', () => {
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

  const member = async (over: Partial<Member> = {}, committee = tree.branchA) => {
    const record = await createMember(t.db, committee, over);
    return { record, token: (await signedIn(t, 'member', committee, { memberId: record.id })).token };
  };
  const row = (meetingId: string, memberId: string) => t.db.getRepository(MeetingAttendance).findOneByOrFail({ meetingId, memberId });
  const secret = async (id: string) => (await t.db.getRepository(Meeting).findOneByOrFail({ id })).checkinSecret!;

  it('starts a scheduled meeting from an hour before, shows a rotating code, and refuses the rest', async () => {
    const early = await scheduledMeeting(t.db, tree.branchA, [], minutes(120), minutes(240));
    const tooEarly = await t.http().post(`/api/meetings/${early.id}/start`).set(auth(secretary)).expect(409);
    expect(tooEarly.body.code).toBe('MEETING_TOO_EARLY_TO_START');
    const notStarted = await t.http().get(`/api/meetings/${early.id}/check-in-code`).set(auth(secretary)).expect(409);
    expect(notStarted.body.code).toBe('MEETING_NOT_IN_PROGRESS');

    const meeting = await scheduledMeeting(t.db, tree.branchA, [], minutes(45), minutes(165));
    const started = await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    expect(started.body).toMatchObject({ id: meeting.id, status: 'in_progress', heldAt: null });
    expect(started.body.startedAt).not.toBeNull();
    const again = await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(409);
    expect(again.body.code).toBe('MEETING_INVALID_TRANSITION');

    const shown = await t.http().get(`/api/meetings/${meeting.id}/check-in-code`).set(auth(secretary)).expect(200);
    expect(shown.body.code).toMatch(/^\d{6}$/);
    expect(shown.body.qrText).toBe(`sotay:checkin:${meeting.id}:${shown.body.code}`);
    expect(Date.parse(shown.body.expiresAt)).toBeGreaterThan(Date.now() - 1000);

    // another branch's secretary learns nothing of it
    for (const [method, path] of [
      ['post', 'start'],
      ['post', 'close'],
      ['get', 'check-in-code'],
      ['get', 'attendance'],
    ] as const) {
      const res = await (t.http() as any)[method](`/api/meetings/${meeting.id}/${path}`).set(auth(otherSecretary));
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    expect((await t.db.getRepository(Meeting).findOneByOrFail({ id: meeting.id })).status).toBe('in_progress');
  });

  it('checks a member in with the code once; a retry answers the same; wrong, expired or closed answer 400 and change nothing', async () => {
    const an = await member();
    const binh = await member({ fullName: 'Trần Văn Bình' });
    const newcomer = await member({ fullName: 'Lê Thị Mới' }); // joined after the invitations
    const stranger = await member({}, tree.branchB);
    const meeting = await scheduledMeeting(t.db, tree.branchA, [an.record, binh.record], minutes(-5), minutes(115));
    const checkIn = (token: string, code: string) =>
      t.http().post(`/api/me/meetings/${meeting.id}/check-in`).set(auth(token)).send({ code });

    // not started yet: closed, whatever the code
    expect((await checkIn(an.token, '000000').expect(400)).body.code).toBe('CHECK_IN_CLOSED');
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    const key = await secret(meeting.id);
    const now = codeWindow(new Date());

    const wrong = checkInCode(key, now) === '123456' ? '654321' : '123456';
    expect((await checkIn(an.token, wrong).expect(400)).body.code).toBe('CHECK_IN_CODE_INVALID');
    // two windows old: expired
    const expired = checkInCode(key, now - 2);
    if (expired !== checkInCode(key, now) && expired !== checkInCode(key, now - 1) && expired !== checkInCode(key, now + 1)) {
      expect((await checkIn(an.token, expired).expect(400)).body.code).toBe('CHECK_IN_CODE_INVALID');
    }
    expect((await checkIn(an.token, 'abc').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await row(meeting.id, an.record.id)).toMatchObject({ state: 'invited', checkedInAt: null, checkInMethod: null });

    // the code the secretary shows
    const { code } = (await t.http().get(`/api/meetings/${meeting.id}/check-in-code`).set(auth(secretary)).expect(200)).body;
    const first = await checkIn(an.token, code).expect(200);
    expect(first.body).toMatchObject({ meetingId: meeting.id, state: 'present', checkInMethod: 'code' });
    // a network retry, even with a code that has since gone stale: the same answer, counted once
    const retry = await checkIn(an.token, wrong).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(await row(meeting.id, an.record.id)).toMatchObject({ state: 'present', checkInMethod: 'code', markedBy: null });

    // not invited (a member of the branch who joined later), or of another branch: 404
    expect((await checkIn(newcomer.token, code).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await checkIn(stranger.token, code).expect(404)).body.code).toBe('NOT_FOUND');

    const list = await t.http().get(`/api/meetings/${meeting.id}/attendance`).set(auth(secretary)).expect(200);
    expect(list.body.items.map((r: { fullName: string; state: string }) => [r.fullName, r.state])).toEqual([
      ['Nguyễn Văn An', 'present'],
      ['Trần Văn Bình', 'invited'],
    ]);
    expect(list.body.summary).toMatchObject({ invited: 2, present: 1, pending: 1, rate: 0.5 });
  });

  it('marks a check-in after the start plus 15 minutes late, and refuses one outside the meeting window', async () => {
    const chi = await member({ fullName: 'Phạm Thị Chi' });
    const meeting = await scheduledMeeting(t.db, tree.branchA, [chi.record], minutes(-20), minutes(100));
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    const code = checkInCode(await secret(meeting.id), codeWindow(new Date()));
    const res = await t.http().post(`/api/me/meetings/${meeting.id}/check-in`).set(auth(chi.token)).send({ code }).expect(200);
    expect(res.body.state).toBe('late');

    const dung = await member({ fullName: 'Đỗ Văn Dũng' });
    const over = await scheduledMeeting(t.db, tree.branchA, [dung.record], minutes(-180), minutes(-60));
    await t.http().post(`/api/meetings/${over.id}/start`).set(auth(secretary)).expect(200);
    const late = checkInCode(await secret(over.id), codeWindow(new Date()));
    const closed = await t.http().post(`/api/me/meetings/${over.id}/check-in`).set(auth(dung.token)).send({ code: late }).expect(400);
    expect(closed.body.code).toBe('CHECK_IN_CLOSED');
    expect(await row(over.id, dung.record.id)).toMatchObject({ state: 'invited', checkedInAt: null });
  });

  it('stops a member guessing codes: after 10 attempts even the right code answers 429', async () => {
    const guesser = await member({ fullName: 'Người đoán mã' });
    const meeting = await scheduledMeeting(t.db, tree.branchA, [guesser.record], minutes(-5), minutes(115));
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    const key = await secret(meeting.id);
    const w = codeWindow(new Date());
    const valid = new Set([checkInCode(key, w - 1), checkInCode(key, w), checkInCode(key, w + 1)]);
    const guesses = Array.from({ length: 30 }, (_, i) => String(100000 + i * 7919)).filter((g) => !valid.has(g));
    for (const guess of guesses.slice(0, 10)) {
      const res = await t.http().post(`/api/me/meetings/${meeting.id}/check-in`).set(auth(guesser.token)).send({ code: guess });
      expect(res.status).toBe(400);
    }
    const blocked = await t
      .http()
      .post(`/api/me/meetings/${meeting.id}/check-in`)
      .set(auth(guesser.token))
      .send({ code: checkInCode(key, codeWindow(new Date())) })
      .expect(429);
    expect(blocked.body.code).toBe('CHECK_IN_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await row(meeting.id, guesser.record.id)).toMatchObject({ state: 'invited' });
  });

  it('lets the secretary mark members, closes the meeting resolving everyone, and keeps locked minutes final', async () => {
    const elder = await member({ fullName: 'Cụ Hoàng Văn Em' }); // no phone: marked by the secretary
    const excused = await member({ fullName: 'Vũ Thị Giang' }); // accepted excuse
    const declined = await member({ fullName: 'Ngô Văn Hải' }); // excuse declined
    const exempt = await member({ fullName: 'Bùi Văn Khải', exempted: true, exemptedAt: '2024-01-01' });
    const absent = await member({ fullName: 'Lý Thị Lan' });
    const meeting = await scheduledMeeting(
      t.db,
      tree.branchA,
      [elder, excused, declined, exempt, absent].map((m) => m.record),
      minutes(-5),
      minutes(115),
    );
    await t.db.getRepository(MeetingExcuse).save([
      { meetingId: meeting.id, memberId: excused.record.id, reason: 'Đi công tác', status: 'accepted' },
      { meetingId: meeting.id, memberId: declined.record.id, reason: 'Bận việc nhà', status: 'declined' },
    ]);
    const mark = (memberId: string, state: string, token = secretary) =>
      t.http().put(`/api/meetings/${meeting.id}/attendance/${memberId}`).set(auth(token)).send({ state });

    // before the start: not yet
    expect((await mark(elder.record.id, 'present').expect(409)).body.code).toBe('MEETING_NOT_IN_PROGRESS');
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    const marked = await mark(elder.record.id, 'present').expect(200);
    expect(marked.body.items.find((r: { memberId: string }) => r.memberId === elder.record.id)).toMatchObject({
      state: 'present',
      checkInMethod: 'secretary',
    });
    expect((await row(meeting.id, elder.record.id)).markedBy).not.toBeNull();
    expect((await mark(elder.record.id, 'invited').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await mark(absent.record.id, 'present', otherSecretary).expect(404)).body.code).toBe('NOT_FOUND');
    const stranger = await createMember(t.db, tree.branchA);
    expect((await mark(stranger.id, 'present').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await mark('not-a-uuid', 'present').expect(404)).body.code).toBe('NOT_FOUND');

    const closed = await t.http().post(`/api/meetings/${meeting.id}/close`).set(auth(secretary)).expect(200);
    expect(closed.body).toMatchObject({ status: 'held' });
    // 1 present of 5 invited, the exempted member (absent) not counted: 1 / 4
    expect(closed.body.summary).toEqual({ invited: 5, present: 1, late: 0, excused: 1, unexcused: 2, exempt: 1, pending: 0, rate: 0.25 });
    const states = Object.fromEntries(
      (await t.db.getRepository(MeetingAttendance).findBy({ meetingId: meeting.id })).map((r) => [r.memberId, r.state]),
    );
    expect(states).toEqual({
      [elder.record.id]: 'present',
      [excused.record.id]: 'excused',
      [declined.record.id]: 'unexcused',
      [exempt.record.id]: 'exempt',
      [absent.record.id]: 'unexcused',
    });
    expect((await t.http().post(`/api/meetings/${meeting.id}/close`).set(auth(secretary)).expect(409)).body.code).toBe(
      'MEETING_INVALID_TRANSITION',
    );

    // a held meeting's attendance may still be corrected (Lan came late, the secretary forgot)
    await mark(absent.record.id, 'late').expect(200);
    // not once the minutes are locked
    await t.db.getRepository(Meeting).update({ id: meeting.id }, { status: 'minutes_locked', minutesLockedAt: new Date() });
    expect((await mark(absent.record.id, 'unexcused').expect(409)).body.code).toBe('MEETING_MINUTES_LOCKED');
    expect((await row(meeting.id, absent.record.id)).state).toBe('late');

    // the members' rates over the year
    const year = Number(meeting.month.slice(0, 4));
    const lan = await t.http().get(`/api/me/attendance?year=${year}`).set(auth(absent.token)).expect(200);
    expect(lan.body).toEqual({ year, meetings: 1, attended: 1, excused: 0, unexcused: 0, exempt: 0, rate: 1 });
    const khai = await t.http().get(`/api/members/${exempt.record.id}/attendance?year=${year}`).set(auth(secretary)).expect(200);
    expect(khai.body).toEqual({ year, meetings: 1, attended: 0, excused: 0, unexcused: 0, exempt: 1, rate: null });
    const hai = await t.http().get(`/api/members/${declined.record.id}/attendance?year=${year}`).set(auth(secretary)).expect(200);
    expect(hai.body).toMatchObject({ meetings: 1, attended: 0, unexcused: 1, rate: 0 });
    expect((await t.http().get(`/api/members/${declined.record.id}/attendance`).set(auth(otherSecretary)).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.http().get(`/api/me/attendance?year=1900`).set(auth(absent.token)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const nextYear = await t
      .http()
      .get(`/api/me/attendance?year=${year + 1}`)
      .set(auth(absent.token))
      .expect(200);
    expect(nextYear.body).toMatchObject({ meetings: 0, attended: 0, rate: null });
  });
});
