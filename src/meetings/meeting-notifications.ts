import { APP_TIME_ZONE } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import type { Tx } from '../database/transactions.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { Meeting } from './entities/meeting.entity.js';

const WHEN = new Intl.DateTimeFormat('vi-VN', {
  timeZone: APP_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** "19:30 05/12/2026" in Vietnam time. */
const when = (at: Date) => WHEN.format(at).replace(',', '');

type MeetingEvent = 'scheduled' | 'rescheduled' | 'postponed' | 'cancelled';

/**
 * What the members of the meeting's branch are told, in the transaction that changes the meeting
 * (the notification exists if and only if the change commits): scheduled, changed (rescheduled,
 * postponed) or cancelled.
 */
export async function notifyMeetingMembers(
  notifications: NotificationsService,
  tx: Tx,
  principal: Principal,
  meeting: Pick<Meeting, 'id' | 'title' | 'committeeId' | 'startsAt' | 'place'>,
  event: MeetingEvent,
  reason?: string,
): Promise<void> {
  const at = meeting.startsAt ? `Thời gian: ${when(meeting.startsAt)}` : '';
  const place = meeting.place ? `Địa điểm: ${meeting.place}` : '';
  const { kind, title, body } = {
    scheduled: { kind: 'meeting_scheduled' as const, title: `Lịch sinh hoạt: ${meeting.title}`, body: [at, place] },
    rescheduled: { kind: 'meeting_changed' as const, title: `Thay đổi lịch sinh hoạt: ${meeting.title}`, body: [at, place] },
    postponed: { kind: 'meeting_changed' as const, title: `Hoãn sinh hoạt: ${meeting.title}`, body: [reason ? `Lý do: ${reason}` : ''] },
    cancelled: { kind: 'meeting_cancelled' as const, title: `Hủy sinh hoạt: ${meeting.title}`, body: [reason ? `Lý do: ${reason}` : ''] },
  }[event];
  await notifications.publish(
    {
      kind,
      title,
      body: body.filter(Boolean).join('. '),
      link: { type: 'meeting', id: meeting.id },
      audience: { committeeId: meeting.committeeId },
      createdBy: principal.id,
    },
    tx,
  );
}

/** The secretary opened the meeting: members may check in now (to the branch, in the transaction that starts it). */
export async function notifyCheckInOpened(
  notifications: NotificationsService,
  tx: Tx,
  principal: Principal,
  meeting: Pick<Meeting, 'id' | 'title' | 'committeeId'>,
): Promise<void> {
  await notifications.publish(
    {
      kind: 'meeting_check_in_opened',
      title: `Đã mở điểm danh: ${meeting.title}`,
      body: 'Nhập mã điểm danh bí thư chi bộ đang hiển thị, hoặc quét mã QR.',
      link: { type: 'meeting', id: meeting.id },
      audience: { committeeId: meeting.committeeId },
      dedupeKey: `meeting-check-in:${meeting.id}`,
      createdBy: principal.id,
    },
    tx,
  );
}

/** A motion was put to the vote (to the branch: those checked in as full members may vote). */
export async function notifyVoteOpened(
  notifications: NotificationsService,
  tx: Tx,
  principal: Principal,
  meeting: Pick<Meeting, 'id' | 'title' | 'committeeId'>,
  motion: { id: string; title: string; secret: boolean },
): Promise<void> {
  await notifications.publish(
    {
      kind: 'meeting_vote_opened',
      title: `Biểu quyết${motion.secret ? ' kín' : ''}: ${motion.title}`,
      body: `${meeting.title}. Đảng viên chính thức đã điểm danh biểu quyết một lần.`,
      link: { type: 'meeting', id: meeting.id },
      audience: { committeeId: meeting.committeeId },
      dedupeKey: `meeting-vote:${motion.id}`,
      createdBy: principal.id,
    },
    tx,
  );
}

const DAY = new Intl.DateTimeFormat('vi-VN', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
/** "31/12/2026" of a 'YYYY-MM-DD' day. */
const dayOf = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));

/** A task the meeting assigned to a member (to that member). */
export async function notifyTaskAssigned(
  notifications: NotificationsService,
  tx: Tx,
  principal: Principal,
  meeting: Pick<Meeting, 'id' | 'title'>,
  task: { id: string; title: string; assigneeMemberId: string; dueOn: string | null },
): Promise<void> {
  await notifications.publish(
    {
      kind: 'task_assigned',
      title: `Nhiệm vụ được giao: ${task.title}`,
      body: [meeting.title, task.dueOn ? `Hạn hoàn thành: ${dayOf(task.dueOn)}` : ''].filter(Boolean).join('. '),
      link: { type: 'meeting_task', id: task.id },
      audience: { memberId: task.assigneeMemberId },
      dedupeKey: `task-assigned:${task.id}:${task.assigneeMemberId}`,
      createdBy: principal.id,
    },
    tx,
  );
}

/** A task still open the day after its due date (to its assignee; once per task and due date). */
export async function notifyTaskOverdue(
  notifications: NotificationsService,
  tx: Tx,
  task: { id: string; title: string; assigneeMemberId: string; dueOn: string },
): Promise<void> {
  await notifications.publish(
    {
      kind: 'task_overdue',
      title: `Nhiệm vụ quá hạn: ${task.title}`,
      body: `Hạn hoàn thành: ${dayOf(task.dueOn)}. Hãy hoàn thành và đánh dấu đã xong trong ứng dụng.`,
      link: { type: 'meeting_task', id: task.id },
      audience: { memberId: task.assigneeMemberId },
      dedupeKey: `task-overdue:${task.id}:${task.dueOn}`,
    },
    tx,
  );
}
