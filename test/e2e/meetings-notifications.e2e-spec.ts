import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keyedJobId, JobsService } from '../../src/jobs/jobs.service.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { MeetingTasksService, TASK_OVERDUE_QUEUE } from '../../src/meetings/meeting-tasks.service.js';
import type { Member } from '../../src/members/member.entity.js';
import { createMember, createTree } from '../factories/index.js';
import { signedIn, signedToken } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/**
 * What a meeting tells its members through the inbox (issue 17 item 1): check-in opened and a vote
 * opened to the branch, a task to its assignee only, and the reminder of a task still open after its
 * due date (queued on the job queue when the task is assigned, sent once).
 */
describe('meeting notifications', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretary: string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    secretary = await signedToken(t, 'secretary', tree.branchA);
  });
  afterAll(async () => t?.close());

  const member = async (fullName: string, committee = tree.branchA) => {
    const record = await createMember(t.db, committee, { fullName });
    return { record, token: (await signedIn(t, 'member', committee, { memberId: record.id })).token };
  };
  const inbox = async (token: string) =>
    (await t.http().get('/api/me/notifications').set(auth(token)).expect(200)).body.items as {
      kind: string;
      title: string;
      body: string;
      link: { type: string; id: string } | null;
    }[];

  async function runningMeeting(invited: Member[]): Promise<Meeting> {
    const startsAt = minutes(-5);
    const meeting = await t.db.getRepository(Meeting).save({
      committeeId: tree.branchA.id,
      kind: 'regular',
      month: `${startsAt.toISOString().slice(0, 7)}-01`,
      title: 'Sinh hoạt chi bộ thường kỳ tháng này',
      startsAt,
      endsAt: minutes(115),
      status: 'scheduled',
      scheduledAt: new Date(),
    });
    await t.db
      .getRepository(MeetingAttendance)
      .save(invited.map((m) => ({ meetingId: meeting.id, memberId: m.id, official: m.status === 'official', exempt: m.exempted })));
    await t.http().post(`/api/meetings/${meeting.id}/start`).set(auth(secretary)).expect(200);
    return meeting;
  }

  it('tells the branch that check-in and a vote are open, and nobody outside it', async () => {
    const an = await member('Nguyễn Văn An');
    const outsider = await member('Người chi bộ khác', tree.branchB);
    const meeting = await runningMeeting([an.record]);
    await t
      .http()
      .post(`/api/meetings/${meeting.id}/motions`)
      .set(auth(secretary))
      .send({ title: 'Kết nạp đảng viên mới', secret: true })
      .expect(201);

    const kinds = (await inbox(an.token)).filter((n) => n.link?.id === meeting.id).map((n) => [n.kind, n.title]);
    expect(kinds).toEqual([
      ['meeting_vote_opened', 'Biểu quyết kín: Kết nạp đảng viên mới'],
      ['meeting_check_in_opened', 'Đã mở điểm danh: Sinh hoạt chi bộ thường kỳ tháng này'],
    ]);
    expect((await inbox(outsider.token)).some((n) => n.link?.id === meeting.id)).toBe(false);
  });

  it('tells a member of the task assigned to them, queues one overdue reminder, and sends it only while the task is open', async () => {
    const binh = await member('Trần Văn Bình');
    const chi = await member('Phạm Thị Chi');
    const meeting = await runningMeeting([binh.record, chi.record]);
    const created = await t
      .http()
      .post(`/api/meetings/${meeting.id}/tasks`)
      .set(auth(secretary))
      .send({ title: 'Rà soát danh sách hộ nghèo', assigneeMemberId: binh.record.id, dueOn: '2026-01-15' })
      .expect(201);
    const taskId = created.body.id as string;

    const assigned = (await inbox(binh.token)).filter((n) => n.kind === 'task_assigned');
    expect(assigned).toEqual([
      expect.objectContaining({
        title: 'Nhiệm vụ được giao: Rà soát danh sách hộ nghèo',
        body: 'Sinh hoạt chi bộ thường kỳ tháng này. Hạn hoàn thành: 15/01/2026',
        link: { type: 'meeting_task', id: taskId },
      }),
    ]);
    expect((await inbox(chi.token)).some((n) => n.kind === 'task_assigned')).toBe(false);

    // the reminder waits on the job queue until 08:00 Vietnam time the day after the due date
    const jobs = t.app.get(JobsService);
    const job = await jobs.job(TASK_OVERDUE_QUEUE, keyedJobId(TASK_OVERDUE_QUEUE, `${taskId}:2026-01-15`));
    expect(job).not.toBeNull();
    expect(new Date(job!.startAfter).toISOString()).toBe('2026-01-16T01:00:00.000Z');

    // run the reminder as the worker would: once, however often it runs
    const tasks = t.app.get(MeetingTasksService);
    await tasks.remindOverdue({ meetingId: meeting.id, taskId, dueOn: '2026-01-15' });
    await tasks.remindOverdue({ meetingId: meeting.id, taskId, dueOn: '2026-01-15' });
    expect((await inbox(binh.token)).filter((n) => n.kind === 'task_overdue').map((n) => n.title)).toEqual([
      'Nhiệm vụ quá hạn: Rà soát danh sách hộ nghèo',
    ]);

    // moved to another member: the new assignee is told; a reminder for the old due date of a task now done is not sent
    await t
      .http()
      .put(`/api/meetings/${meeting.id}/tasks/${taskId}`)
      .set(auth(secretary))
      .send({ assigneeMemberId: chi.record.id })
      .expect(200);
    expect((await inbox(chi.token)).filter((n) => n.kind === 'task_assigned')).toHaveLength(1);
    await t.http().put(`/api/meetings/${meeting.id}/tasks/${taskId}`).set(auth(secretary)).send({ done: true }).expect(200);
    await tasks.remindOverdue({ meetingId: meeting.id, taskId, dueOn: '2026-01-15' });
    expect((await inbox(chi.token)).some((n) => n.kind === 'task_overdue')).toBe(false);
  });
});
