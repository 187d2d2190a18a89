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
