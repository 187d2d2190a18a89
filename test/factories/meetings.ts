import type { DataSource } from 'typeorm';
import type { Committee } from '../../src/committees/committee.entity.js';
import { Member } from '../../src/members/member.entity.js';
import { MeetingAgendaAttachment } from '../../src/meetings/entities/meeting-agenda-attachment.entity.js';
import { MeetingAgendaItem } from '../../src/meetings/entities/meeting-agenda-item.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import type { MeetingKind, MeetingStatus } from '../../src/meetings/meetings.rules.js';

/**
 * Meeting factories: rows straight through the repositories, as the planning routes would leave
 * them (a scheduled meeting with its agenda and the branch's invitations). Use them where a test
 * needs a meeting in a given state without walking it there through the API.
 */

let seq = 0;

export interface AgendaSpec {
  title?: string;
  description?: string | null;
  presenterName?: string | null;
  /** Library documents attached to the item (their titles become the attachments' titles). */
  documents?: { id: string; title: string }[];
  /** Stored files (stored_files ids) attached as uploaded files, with their titles. */
  files?: { storedFileId: string; title: string }[];
}

export interface MeetingSpec {
  kind?: MeetingKind;
  status?: MeetingStatus;
  /** 'YYYY-MM'; the month of startsAt by default. */
  month?: string;
  title?: string;
  /** Seven days from now by default. */
  startsAt?: Date | null;
  endsAt?: Date | null;
  place?: string | null;
  statusReason?: string | null;
  /** Two items by default. */
  agenda?: AgendaSpec[];
  /** Invite the committee's current members (attendance rows, state invited). Default true unless a draft. */
  invite?: boolean;
}

export type CreatedMeeting = Meeting & {
  agenda: (MeetingAgendaItem & { attachments: MeetingAgendaAttachment[] })[];
  attendance: MeetingAttendance[];
};

const DEFAULT_AGENDA: AgendaSpec[] = [
  { title: 'Quán triệt nghị quyết của cấp ủy cấp trên', presenterName: 'Đồng chí Bí thư chi bộ' },
  { title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng và phương hướng tháng tới', presenterName: 'Đồng chí Phó Bí thư' },
];

/**
 * A meeting of `committee`: scheduled by default, a week ahead, with two agenda items and every
 * current member of the committee invited (official and exempt as their records say).
 */
export async function createMeeting(db: DataSource, committee: Committee, spec: MeetingSpec = {}): Promise<CreatedMeeting> {
  const n = ++seq;
  const status = spec.status ?? 'scheduled';
  const startsAt = spec.startsAt === undefined ? new Date(Date.now() + 7 * 86_400_000) : spec.startsAt;
  const month = spec.month ?? (startsAt ?? new Date()).toISOString().slice(0, 7);
  const meeting = await db.getRepository(Meeting).save(
    db.getRepository(Meeting).create({
      committeeId: committee.id,
      kind: spec.kind ?? 'regular',
      month: `${month}-01`,
      title: spec.title ?? `Sinh hoạt chi bộ thường kỳ tháng ${month.slice(5, 7)}/${month.slice(0, 4)} (${n})`,
      startsAt,
      endsAt: spec.endsAt === undefined ? (startsAt ? new Date(startsAt.getTime() + 2 * 3_600_000) : null) : spec.endsAt,
      place: spec.place === undefined ? 'Nhà văn hóa thôn' : spec.place,
      status,
      statusReason: spec.statusReason ?? null,
      scheduledAt: status === 'draft' ? null : new Date(),
      startedAt: ['in_progress', 'held', 'minutes_locked'].includes(status) ? new Date() : null,
      heldAt: ['held', 'minutes_locked'].includes(status) ? new Date() : null,
    }),
  );
  const agenda: CreatedMeeting['agenda'] = [];
  for (const [i, item] of (spec.agenda ?? DEFAULT_AGENDA).entries()) {
    const saved = await db.getRepository(MeetingAgendaItem).save(
      db.getRepository(MeetingAgendaItem).create({
        meetingId: meeting.id,
        position: i + 1,
        title: item.title ?? `Nội dung ${i + 1}`,
        description: item.description ?? null,
        presenterName: item.presenterName ?? null,
      }),
    );
    const attachments: MeetingAgendaAttachment[] = [];
    for (const d of item.documents ?? []) {
      attachments.push(
        await db
          .getRepository(MeetingAgendaAttachment)
          .save({ agendaItemId: saved.id, documentId: d.id, storedFileId: null, title: d.title }),
      );
    }
    for (const f of item.files ?? []) {
      attachments.push(
        await db
          .getRepository(MeetingAgendaAttachment)
          .save({ agendaItemId: saved.id, documentId: null, storedFileId: f.storedFileId, title: f.title }),
      );
    }
    agenda.push(Object.assign(saved, { attachments }));
  }
  const attendance = (spec.invite ?? status !== 'draft') ? await inviteMembers(db, meeting, committee) : [];
  return Object.assign(meeting, { agenda, attendance });
}

/** Invitations for the committee's current members, as scheduling sends them. */
export async function inviteMembers(db: DataSource, meeting: Meeting, committee: Committee): Promise<MeetingAttendance[]> {
  const members = await db.getRepository(Member).find({ where: { committeeId: committee.id } });
  const current = members.filter((m) => m.endState === null);
  const repo = db.getRepository(MeetingAttendance);
  return repo.save(
    current.map((m) =>
      repo.create({
        meetingId: meeting.id,
        memberId: m.id,
        official: m.status === 'official',
        exempt: m.exempted,
        hold: m.activityHold,
        state: 'invited',
      }),
    ),
  );
}
