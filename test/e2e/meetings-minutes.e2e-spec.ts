import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Committee } from '../../src/committees/committee.entity.js';
import { localDate } from '../../src/common/dates.js';
import { Meeting, MeetingAgendaItem, MeetingAttendance, MeetingMotion, MeetingTask } from '../../src/meetings/entities/index.js';
import type { AttendanceState, MeetingStatus } from '../../src/meetings/meetings.rules.js';
import type { Member } from '../../src/members/member.entity.js';
import { createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { pdfText } from '../support/pdf-text.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const dayOffset = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

/** Minutes (biên bản) and tasks of branch meetings: issue 16 item 5. */
describe('meeting minutes and tasks', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretaryA: string;
  let secretaryAName: string;
  let secretaryB: string;
  let an: Member; // full member, present
  let binh: Member; // full member, excused
  let cuong: Member; // probationary, unexcused
  let dung: Member; // full member exempted from activities
  let notInvited: Member; // joined the branch after the meeting
  let anToken: string;
  let binhToken: string;
  let memberBToken: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /**
   * A meeting as the other areas leave it (scheduling, attendance and votes are built by other
   * routes): its attendance rows, one agenda item, a closed secret motion that passed and one still open.
   */
  async function meeting(committee: Committee, status: MeetingStatus, attendees: [Member, AttendanceState, boolean][] = []) {
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    const saved = await t.db.getRepository(Meeting).save({
      committeeId: committee.id,
      kind: 'regular',
      month: `${localDate().slice(0, 7)}-01`,
      title: 'Sinh hoạt chi bộ thường kỳ',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      place: 'Nhà văn hóa xóm Đồng Kè',
      status,
      scheduledAt: new Date(startsAt.getTime() - 10 * 86_400_000),
      heldAt: status === 'held' ? new Date(startsAt.getTime() + 2 * 3_600_000) : null,
    });
    for (const [member, state, exempt] of attendees) {
      await t.db.getRepository(MeetingAttendance).save({
        meetingId: saved.id,
        memberId: member.id,
        official: member.status === 'official',
        exempt,
        state,
        checkedInAt: state === 'present' ? startsAt : null,
        checkInMethod: state === 'present' ? 'code' : null,
      });
    }
    await t.db.getRepository(MeetingAgendaItem).save({
      meetingId: saved.id,
      position: 1,
      title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng',
      presenterMemberId: an.id,
    });
    await t.db.getRepository(MeetingMotion).save({
      meetingId: saved.id,
      position: 1,
      title: 'Thông qua nghị quyết tháng',
      secret: true,
      status: 'closed',
      agreeCount: 1,
      disagreeCount: 0,
      otherCount: 0,
      denominator: 1,
      passed: true,
      openedAt: startsAt,
      closedAt: new Date(startsAt.getTime() + 3_600_000),
    });
    await t.db.getRepository(MeetingMotion).save({
      meetingId: saved.id,
      position: 2,
      title: 'Biểu quyết còn đang mở',
      secret: false,
      status: 'open',
      openedAt: startsAt,
    });
    return saved;
  }
  const branchAMeeting = (status: MeetingStatus = 'held') =>
    meeting(tree.branchA, status, [
      [an, 'present', false],
      [binh, 'excused', false],
      [cuong, 'unexcused', false],
      [dung, 'exempt', true],
    ]);
  const minutesOf = (id: string) => t.db.getRepository(Meeting).findOneByOrFail({ id });
  const write = (id: string, body: object, token = secretaryA) => t.http().put(`/api/meetings/${id}/minutes`).set(auth(token)).send(body);
  const lock = (id: string, token = secretaryA) => t.http().post(`/api/meetings/${id}/minutes/lock`).set(auth(token)).send({});
  const pdf = (id: string, token = secretaryA) =>
    t.http().get(`/api/meetings/${id}/minutes.pdf`).set(auth(token)).buffer(true).parse(binary);
  const lockedMeeting = async () => {
    const m = await branchAMeeting();
    await write(m.id, { summary: 'Thảo luận sôi nổi.', conclusions: 'Thống nhất kế hoạch tháng tới.' }).expect(200);
    await lock(m.id).expect(200);
    return m;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    an = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn An' });
    binh = await createMember(t.db, tree.branchA, { fullName: 'Lê Thị Bình' });
    cuong = await createMember(t.db, tree.branchA, { fullName: 'Phạm Văn Cường', status: 'probationary', officialAt: null });
    dung = await createMember(t.db, tree.branchA, { fullName: 'Hoàng Văn Dũng' });
    notInvited = await createMember(t.db, tree.branchA, { fullName: 'Vũ Thị Em' });
    const secretary = await createUser(t.db, 'secretary', tree.branchA, { fullName: 'Đỗ Thị Thư' });
    secretaryAName = secretary.fullName;
    secretaryA = (await login(t.http, secretary)).accessToken;
    secretaryB = await tokenFor(t, 'secretary', tree.branchB);
    anToken = (await login(t.http, await createUser(t.db, 'member', tree.branchA, { memberId: an.id }))).accessToken;
    binhToken = (await login(t.http, await createUser(t.db, 'member', tree.branchA, { memberId: binh.id }))).accessToken;
    memberBToken = await tokenFor(t, 'member', tree.branchB);
  });
  afterAll(async () => t?.close());

  describe('the draft', () => {
    it('fills in the attendance (counts and the absent by name) and the results of the closed motions', async () => {
      const m = await branchAMeeting();
      const res = await t.http().get(`/api/meetings/${m.id}/minutes`).set(auth(secretaryA)).expect(200);
      expect(res.body).toMatchObject({
        meetingId: m.id,
        status: 'held',
        committeeName: tree.branchA.name,
        parentCommitteeName: tree.grassA.name,
        place: 'Nhà văn hóa xóm Đồng Kè',
        summary: null,
        conclusions: null,
        lockedAt: null,
        lockedBy: null,
        addenda: [],
        tasks: [],
      });
      expect(res.body.attendance).toEqual({
        total: 4,
        official: 3,
        probationary: 1,
        present: 1,
        late: 0,
        excused: 1,
        unexcused: 1,
        exempt: 1,
        unmarked: 0,
        absentees: [
          { memberId: dung.id, fullName: 'Hoàng Văn Dũng', state: 'exempt', hold: null },
          { memberId: binh.id, fullName: 'Lê Thị Bình', state: 'excused', hold: null },
          { memberId: cuong.id, fullName: 'Phạm Văn Cường', state: 'unexcused', hold: null },
        ],
      });
      expect(res.body.agenda).toEqual([
        { position: 1, title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng', description: null, presenter: 'Nguyễn Văn An' },
      ]);
      // the open motion is not a result yet; the secret one shows counts only
      expect(res.body.votes).toHaveLength(1);
      expect(res.body.votes[0]).toEqual({
        motionId: expect.any(String),
        title: 'Thông qua nghị quyết tháng',
        secret: true,
        agreeCount: 1,
        disagreeCount: 0,
        otherCount: 0,
        denominator: 1,
        passed: true,
        closedAt: expect.any(String),
      });
    });

    it('does not exist before the meeting is held: 409 MEETING_MINUTES_NOT_AVAILABLE, nothing written', async () => {
      const m = await branchAMeeting('in_progress');
      const get = await t.http().get(`/api/meetings/${m.id}/minutes`).set(auth(secretaryA)).expect(409);
      expect(get.body.code).toBe('MEETING_MINUTES_NOT_AVAILABLE');
      expect((await write(m.id, { summary: 'x', conclusions: 'y' }).expect(409)).body.code).toBe('MEETING_MINUTES_NOT_AVAILABLE');
      expect((await lock(m.id).expect(409)).body.code).toBe('MEETING_MINUTES_NOT_AVAILABLE');
      expect((await pdf(m.id).expect(409)).status).toBe(409);
      expect(await minutesOf(m.id)).toMatchObject({ status: 'in_progress', minutesSummary: null, minutesLockedAt: null });
    });

    it("is another branch's secretary's 404 on every route, and nothing changes", async () => {
      const m = await branchAMeeting();
      await t.http().get(`/api/meetings/${m.id}/minutes`).set(auth(secretaryB)).expect(404);
      await write(m.id, { summary: 'x', conclusions: 'y' }, secretaryB).expect(404);
      await lock(m.id, secretaryB).expect(404);
      await t.http().post(`/api/meetings/${m.id}/minutes/addenda`).set(auth(secretaryB)).send({ body: 'x' }).expect(404);
      await pdf(m.id, secretaryB).expect(404);
      expect(await minutesOf(m.id)).toMatchObject({ status: 'held', minutesSummary: null });
    });

    it('validates the text: both fields required, strings', async () => {
      const m = await branchAMeeting();
      const res = await write(m.id, { summary: 'Chỉ có tóm tắt' }).expect(400);
      expect(res.body.errors.conclusions).toBeDefined();
      await write(m.id, { summary: 5, conclusions: 'x' }).expect(400);
      expect((await minutesOf(m.id)).minutesSummary).toBeNull();
    });
  });

  describe('locking', () => {
    it('needs the summary and the conclusions (400 MEETING_MINUTES_INCOMPLETE), then locks once; a locked text is never edited', async () => {
      const m = await branchAMeeting();
      await write(m.id, { summary: 'Các đồng chí thảo luận về làm đường liên xóm.', conclusions: '   ' }).expect(200);
      const incomplete = await lock(m.id).expect(400);
      expect(incomplete.body.code).toBe('MEETING_MINUTES_INCOMPLETE');
      expect(Object.keys(incomplete.body.errors)).toEqual(['conclusions']);
      expect(await minutesOf(m.id)).toMatchObject({ status: 'held', minutesLockedAt: null, minutesConclusions: null });

      const written = await write(m.id, {
        summary: 'Các đồng chí thảo luận về làm đường liên xóm.',
        conclusions: 'Chi bộ thống nhất vận động nhân dân góp công.',
      }).expect(200);
      expect(written.body).toMatchObject({ status: 'held', conclusions: 'Chi bộ thống nhất vận động nhân dân góp công.' });

      const locked = await lock(m.id).expect(200);
      expect(locked.body).toMatchObject({ status: 'minutes_locked', lockedAt: expect.any(String), lockedByName: secretaryAName });
      const again = await lock(m.id).expect(409);
      expect(again.body.code).toBe('MEETING_MINUTES_LOCKED');
      const edit = await write(m.id, { summary: 'Sửa lại', conclusions: 'Sửa lại' }).expect(409);
      expect(edit.body.code).toBe('MEETING_MINUTES_LOCKED');
      const row = await minutesOf(m.id);
      expect(row).toMatchObject({
        status: 'minutes_locked',
        minutesSummary: 'Các đồng chí thảo luận về làm đường liên xóm.',
        minutesConclusions: 'Chi bộ thống nhất vận động nhân dân góp công.',
      });
      expect(row.minutesLockedAt!.toISOString()).toBe(locked.body.lockedAt);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [m.id]);
      expect(audit.map((r: { action: string }) => r.action)).toEqual([
        'meeting.minutes.write',
        'meeting.minutes.write',
        'meeting.minutes.lock',
      ]);
    });

    it('locks once when two locks arrive together: one 200, one 409, one audit line', async () => {
      const m = await branchAMeeting();
      await write(m.id, { summary: 'Thảo luận.', conclusions: 'Kết luận.' }).expect(200);
      const statuses = (await Promise.all([lock(m.id), lock(m.id)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'meeting.minutes.lock'`, [m.id]);
      expect(audit).toHaveLength(1);
    });

    it('takes dated addenda only once locked; they are listed oldest first', async () => {
      const m = await branchAMeeting();
      const early = await t
        .http()
        .post(`/api/meetings/${m.id}/minutes/addenda`)
        .set(auth(secretaryA))
        .send({ body: 'Quá sớm' })
        .expect(409);
      expect(early.body.code).toBe('MEETING_MINUTES_NOT_LOCKED');
      await write(m.id, { summary: 'Thảo luận.', conclusions: 'Kết luận.' }).expect(200);
      await lock(m.id).expect(200);
      await t.http().post(`/api/meetings/${m.id}/minutes/addenda`).set(auth(secretaryA)).send({ body: '  ' }).expect(400);
      const first = await t
        .http()
        .post(`/api/meetings/${m.id}/minutes/addenda`)
        .set(auth(secretaryA))
        .send({ body: 'Đính chính: đồng chí Lê Thị Bình vắng có lý do.' })
        .expect(201);
      expect(first.body).toMatchObject({ body: 'Đính chính: đồng chí Lê Thị Bình vắng có lý do.', createdAt: expect.any(String) });
      await t.http().post(`/api/meetings/${m.id}/minutes/addenda`).set(auth(secretaryA)).send({ body: 'Phụ lục thứ hai.' }).expect(201);
      const minutes = await t.http().get(`/api/meetings/${m.id}/minutes`).set(auth(secretaryA)).expect(200);
      expect(minutes.body.addenda.map((a: { body: string }) => a.body)).toEqual([
        'Đính chính: đồng chí Lê Thị Bình vắng có lý do.',
        'Phụ lục thứ hai.',
      ]);
      expect(minutes.body.summary).toBe('Thảo luận.');
    });
  });

  describe('the PDF', () => {
    it('is a Vietnamese PDF with its font embedded, marked DỰ THẢO while a draft', async () => {
      const m = await branchAMeeting();
      await write(m.id, { summary: 'Thảo luận về công tác phát triển đảng viên.', conclusions: 'Giao chi ủy theo dõi.' }).expect(200);
      const res = await pdf(m.id).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="bien-ban-\d{4}-\d{2}-\d{2}-du-thao\.pdf"$/);
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif/);
      const text = pdfText(bytes);
      for (const s of [
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'CHI BỘ XÓM ĐỒNG KÈ',
        'BIÊN BẢN SINH HOẠT CHI BỘ',
        'DỰ THẢO',
        'Vắng có lý do: 1 (Lê Thị Bình)',
        'Vắng không lý do: 1 (Phạm Văn Cường)',
        'Miễn sinh hoạt: 1 (Hoàng Văn Dũng)',
        'Thảo luận về công tác phát triển đảng viên.',
        'Thông qua nghị quyết tháng',
      ]) {
        expect(text).toContain(s);
      }
    });

    it('once locked is the record: no draft mark, the secretary who locked it, the addenda', async () => {
      const m = await lockedMeeting();
      await t.http().post(`/api/meetings/${m.id}/minutes/addenda`).set(auth(secretaryA)).send({ body: 'Bổ sung ý kiến.' }).expect(201);
      const res = await pdf(m.id).expect(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="bien-ban-\d{4}-\d{2}-\d{2}\.pdf"$/);
      const text = pdfText(res.body as Buffer);
      expect(text).not.toContain('DỰ THẢO');
      expect(text).toContain('PHỤ LỤC ĐÍNH CHÍNH');
      expect(text).toContain('Bổ sung ý kiến.');
      expect(text).toContain(secretaryAName);
    });
  });

  describe("the members' copy", () => {
    it('is there once locked (409 MEETING_MINUTES_NOT_LOCKED before), with an ETag; another branch gets 404', async () => {
      const m = await branchAMeeting();
      const early = await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(anToken)).expect(409);
      expect(early.body.code).toBe('MEETING_MINUTES_NOT_LOCKED');
      await write(m.id, { summary: 'Thảo luận.', conclusions: 'Kết luận.' }).expect(200);
      await lock(m.id).expect(200);
      const res = await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(anToken)).expect(200);
      expect(res.body).toMatchObject({ meetingId: m.id, status: 'minutes_locked', summary: 'Thảo luận.', conclusions: 'Kết luận.' });
      // the secretary who signs by name; no staff account id, neither of the lock nor of a correction
      expect(res.body.lockedByName).toBe(secretaryAName);
      expect(res.body).not.toHaveProperty('lockedBy');
      // nor why an absentee was away on an activity hold (a suspension is the staff's record); staff see it
      await t.db.query(`UPDATE meeting_attendance SET hold = 'suspended' WHERE meeting_id = $1 AND member_id = $2`, [m.id, binh.id]);
      const staff = await t.http().get(`/api/meetings/${m.id}/minutes`).set(auth(secretaryA)).expect(200);
      expect(staff.body.attendance.absentees.find((a: { memberId: string }) => a.memberId === binh.id).hold).toBe('suspended');
      const mine = await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(anToken)).expect(200);
      expect(mine.body.attendance.absentees.map((a: { fullName: string }) => a.fullName).sort()).toEqual(
        ['Hoàng Văn Dũng', 'Lê Thị Bình', 'Phạm Văn Cường'].sort(),
      );
      for (const absentee of mine.body.attendance.absentees) expect(absentee).not.toHaveProperty('hold');
      await t.http().post(`/api/meetings/${m.id}/minutes/addenda`).set(auth(secretaryA)).send({ body: 'Đính chính số liệu.' }).expect(201);
      const corrected = await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(anToken)).expect(200);
      expect(corrected.body.addenda).toEqual([{ id: expect.any(String), body: 'Đính chính số liệu.', createdAt: expect.any(String) }]);
      await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(anToken)).set('If-None-Match', corrected.headers.etag).expect(304);
      await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(memberBToken)).expect(404);
      // a staff token is not a member's
      await t.http().get(`/api/me/meetings/${m.id}/minutes`).set(auth(secretaryA)).expect(403);
    });
  });

  describe('tasks', () => {
    const createTask = (meetingId: string, body: object, token = secretaryA) =>
      t.http().post(`/api/meetings/${meetingId}/tasks`).set(auth(token)).send(body);
    const tasksOf = (meetingId: string) => t.db.getRepository(MeetingTask).findBy({ meetingId });

    it('are assigned to an invited member or to the branch committee, during and after the meeting, also once locked', async () => {
      const held = await branchAMeeting();
      const toAn = await createTask(held.id, {
        title: 'Vận động hộ dân góp công làm đường',
        assigneeMemberId: an.id,
        dueOn: dayOffset(30),
      }).expect(201);
      expect(toAn.body).toMatchObject({
        meetingId: held.id,
        committeeId: tree.branchA.id,
        committeeName: tree.branchA.name,
        assigneeMemberId: an.id,
        assigneeName: 'Nguyễn Văn An',
        dueOn: dayOffset(30),
        done: false,
        doneAt: null,
        overdue: false,
      });
      const toCommittee = await createTask(held.id, { title: 'Chi ủy xây dựng kế hoạch' }).expect(201);
      expect(toCommittee.body).toMatchObject({ assigneeMemberId: null, assigneeName: null, dueOn: null });
      const minutes = await t.http().get(`/api/meetings/${held.id}/minutes`).set(auth(secretaryA)).expect(200);
      expect(minutes.body.tasks.map((x: { id: string }) => x.id)).toEqual([toAn.body.id, toCommittee.body.id]);

      const running = await branchAMeeting('in_progress');
      await createTask(running.id, { title: 'Trong cuộc họp' }).expect(201);
      const locked = await lockedMeeting();
      await createTask(locked.id, { title: 'Sau khi khóa biên bản', assigneeMemberId: binh.id }).expect(201);
    });

    it('refuse an assignee not invited to the meeting, a meeting not yet held, bad input, and another branch', async () => {
      const held = await branchAMeeting();
      const stranger = await createTask(held.id, { title: 'Không được mời', assigneeMemberId: notInvited.id }).expect(400);
      expect(stranger.body.errors.assigneeMemberId).toBeDefined();
      await createTask(held.id, { title: '', dueOn: '2026-02-30' }).expect(400);
      await createTask(held.id, { title: 'Ngày sai', dueOn: '2026-02-30' }).expect(400);
      const scheduled = await branchAMeeting('scheduled');
      const early = await createTask(scheduled.id, { title: 'Quá sớm' }).expect(409);
      expect(early.body.code).toBe('MEETING_TASKS_NOT_OPEN');
      await createTask(held.id, { title: 'Chi bộ khác' }, secretaryB).expect(404);
      expect(await tasksOf(held.id)).toEqual([]);
      expect(await tasksOf(scheduled.id)).toEqual([]);
    });

    it('are changed, marked done and removed by the secretary; a task of another meeting is 404', async () => {
      const held = await branchAMeeting();
      const other = await branchAMeeting();
      const task = (await createTask(held.id, { title: 'Rà soát đảng viên', assigneeMemberId: an.id }).expect(201)).body;
      const path = `/api/meetings/${held.id}/tasks/${task.id}`;
      const changed = await t
        .http()
        .put(path)
        .set(auth(secretaryA))
        .send({ title: 'Rà soát hồ sơ đảng viên', dueOn: dayOffset(7), assigneeMemberId: binh.id })
        .expect(200);
      expect(changed.body).toMatchObject({
        title: 'Rà soát hồ sơ đảng viên',
        dueOn: dayOffset(7),
        assigneeMemberId: binh.id,
        assigneeName: 'Lê Thị Bình',
      });
      await t.http().put(path).set(auth(secretaryA)).send({ assigneeMemberId: notInvited.id }).expect(400);
      await t.http().put(path).set(auth(secretaryA)).send({ title: null }).expect(400);
      const done = await t.http().put(path).set(auth(secretaryA)).send({ done: true }).expect(200);
      expect(done.body).toMatchObject({ done: true, doneAt: expect.any(String) });
      const cleared = await t.http().put(path).set(auth(secretaryA)).send({ assigneeMemberId: null, dueOn: null, done: false }).expect(200);
      expect(cleared.body).toMatchObject({ assigneeMemberId: null, dueOn: null, done: false, doneAt: null });
      await t.http().put(`/api/meetings/${other.id}/tasks/${task.id}`).set(auth(secretaryA)).send({ done: true }).expect(404);
      await t.http().delete(`/api/meetings/${other.id}/tasks/${task.id}`).set(auth(secretaryA)).expect(404);
      await t.http().delete(path).set(auth(secretaryB)).expect(404);
      const removed = await t.http().delete(path).set(auth(secretaryA)).expect(200);
      expect(removed.body.id).toBe(task.id);
      expect(await tasksOf(held.id)).toEqual([]);
      await t.http().delete(path).set(auth(secretaryA)).expect(404);
    });

    it('show the secretary the overdue ones: not done and due before today (Vietnam), in scope only', async () => {
      const held = await branchAMeeting();
      const late = (await createTask(held.id, { title: 'Quá hạn', assigneeMemberId: an.id, dueOn: dayOffset(-1) }).expect(201)).body;
      const lateDone = (await createTask(held.id, { title: 'Quá hạn nhưng đã xong', dueOn: dayOffset(-2) }).expect(201)).body;
      await t.http().put(`/api/meetings/${held.id}/tasks/${lateDone.id}`).set(auth(secretaryA)).send({ done: true }).expect(200);
      const today = (await createTask(held.id, { title: 'Hạn hôm nay', dueOn: dayOffset(0) }).expect(201)).body;
      const undated = (await createTask(held.id, { title: 'Không có hạn' }).expect(201)).body;
      const list = (token: string, filter: object) =>
        t
          .http()
          .get('/api/meeting-tasks')
          .query({ filter: JSON.stringify(filter), range: '[0,499]' })
          .set(auth(token));

      const overdue = await list(secretaryA, { overdue: true, meetingId: held.id }).expect(200);
      expect(overdue.body.map((x: { id: string }) => x.id)).toEqual([late.id]);
      expect(overdue.body[0]).toMatchObject({ overdue: true, assigneeName: 'Nguyễn Văn An', meetingTitle: 'Sinh hoạt chi bộ thường kỳ' });
      expect(overdue.headers['content-range']).toBe('meeting-tasks 0-0/1');
      const notOverdue = await list(secretaryA, { overdue: false, meetingId: held.id }).expect(200);
      expect(notOverdue.body.map((x: { id: string }) => x.id).sort()).toEqual([lateDone.id, today.id, undated.id].sort());
      const open = await list(secretaryA, { done: false, meetingId: held.id }).expect(200);
      expect(open.body).toHaveLength(3);
      const inSubtree = await list(secretaryA, { overdue: true, committeeId: tree.branchA.id }).expect(200);
      expect(inSubtree.body.map((x: { id: string }) => x.id)).toContain(late.id);
      const elsewhere = await list(secretaryA, { overdue: true, committeeId: tree.branchB.id }).expect(200);
      expect(elsewhere.body).toEqual([]);
      const sibling = await list(secretaryB, { overdue: true }).expect(200);
      expect(sibling.body.map((x: { id: string }) => x.id)).not.toContain(late.id);
      await list(secretaryA, { overdue: 'yes' }).expect(400);
      await list(secretaryA, { meetingId: 'nope' }).expect(400);
    });

    it("are the member's own in /api/me/tasks, newest due first; only the assignee marks one done, and again is the same", async () => {
      const held = await branchAMeeting();
      const soon = (await createTask(held.id, { title: 'Sớm', assigneeMemberId: binh.id, dueOn: dayOffset(3) }).expect(201)).body;
      const later = (await createTask(held.id, { title: 'Muộn', assigneeMemberId: binh.id, dueOn: dayOffset(20) }).expect(201)).body;
      const undated = (await createTask(held.id, { title: 'Không hạn', assigneeMemberId: binh.id }).expect(201)).body;
      const ofAn = (await createTask(held.id, { title: 'Của đồng chí An', assigneeMemberId: an.id }).expect(201)).body;
      const ofCommittee = (await createTask(held.id, { title: 'Của chi ủy' }).expect(201)).body;

      const mine = await t.http().get('/api/me/tasks').set(auth(binhToken)).expect(200);
      const ids = mine.body.items.map((x: { id: string }) => x.id);
      expect(ids.filter((id: string) => [soon.id, later.id, undated.id].includes(id))).toEqual([later.id, soon.id, undated.id]);
      expect(ids).not.toContain(ofAn.id);
      expect(ids).not.toContain(ofCommittee.id);
      await t.http().get('/api/me/tasks').set(auth(binhToken)).set('If-None-Match', mine.headers.etag).expect(304);

      const done = await t.http().post(`/api/me/tasks/${soon.id}/done`).set(auth(binhToken)).send({}).expect(200);
      expect(done.body).toMatchObject({ id: soon.id, done: true, doneAt: expect.any(String) });
      const again = await t.http().post(`/api/me/tasks/${soon.id}/done`).set(auth(binhToken)).send({}).expect(200);
      expect(again.body.doneAt).toBe(done.body.doneAt);
      // the list changed, so the old ETag no longer matches
      await t.http().get('/api/me/tasks').set(auth(binhToken)).set('If-None-Match', mine.headers.etag).expect(200);

      await t.http().post(`/api/me/tasks/${ofAn.id}/done`).set(auth(binhToken)).send({}).expect(404);
      await t.http().post(`/api/me/tasks/${ofCommittee.id}/done`).set(auth(binhToken)).send({}).expect(404);
      await t.http().post(`/api/me/tasks/not-a-uuid/done`).set(auth(binhToken)).send({}).expect(404);
      const rows = await t.db.getRepository(MeetingTask).findBy({ meetingId: held.id });
      expect(rows.filter((r) => r.doneAt !== null).map((r) => r.id)).toEqual([soon.id]);
    });
  });
});
