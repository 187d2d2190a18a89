import { Injectable } from '@nestjs/common';
import { EventsService } from '../analytics/events.service.js';
import { CommitteesService } from '../committees/committees.service.js';
import { ApiError, CommonErrorCode } from '../common/errors.js';
import { DEFAULT_CURSOR_LIMIT, decodeCursor, encodeCursor, type CursorPosition } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { DocumentFilesService } from '../documents/document-files.service.js';
import type { DownloadableFile } from '../documents/file-response.js';
import { MemberRosterService } from '../members/member-roster.service.js';
import { BeforeMeetingRepository, type MeetingSegment, type MemberMeetingRow } from './before-meeting.repository.js';
import type { CreateCommentDto, ExcuseRequestDto, MyMeetingsQuery } from './dto/before-meeting.dto.js';
import {
  toCommentResponse,
  toExcuseResponse,
  toMyAttachment,
  toMyAttendance,
  type CommentResponse,
  type ExcuseResponse,
  type MyMeetingDetail,
  type MyMeetingItem,
  type MyMeetingPage,
} from './dto/before-meeting.response.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { COMMENT_OPEN_STATUSES, EXCUSE_OPEN_STATUSES, canVote, isCheckedIn } from './meetings.rules.js';

/**
 * The list's cursor: the segment it is in and the last position seen there. `u.<position>` and
 * `p.<position>` continue the upcoming and the past segment; `p` starts the past one. The position
 * is the shared keyset cursor of common/cursor.ts (its own checks answer 400 INVALID_CURSOR).
 */
interface ListCursor {
  segment: MeetingSegment;
  after: CursorPosition | null;
}

function decodeListCursor(raw: string | undefined): ListCursor {
  if (!raw) return { segment: 'upcoming', after: null };
  if (raw === 'p') return { segment: 'past', after: null };
  const m = /^([up])\.(.+)$/.exec(raw);
  if (!m)
    throw ApiError.badRequest(
      'The cursor is not valid; start again without one',
      { cursor: 'invalid cursor' },
      CommonErrorCode.InvalidCursor,
    );
  return { segment: m[1] === 'u' ? 'upcoming' : 'past', after: decodeCursor(m[2]) };
}

const positionOf = (row: MemberMeetingRow): CursorPosition => ({ publishedAt: row.sortAt, id: row.id });

/**
 * Before the meeting, the member's side (the mobile app): their meetings, one meeting with its
 * agenda and documents, the documents themselves (a library document's read counts as a view),
 * asking to be excused, and commenting on the agenda. Every route finds the meeting through
 * MeetingRepository.findForMember: another branch's meeting, or a draft, is a 404.
 */
@Injectable()
export class MeMeetingsService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly rows: BeforeMeetingRepository,
    private readonly committees: CommitteesService,
    private readonly roster: MemberRosterService,
    private readonly files: DocumentFilesService,
    private readonly events: EventsService,
  ) {}

  /** Upcoming meetings soonest first, then past ones most recent first, by cursor. */
  async list(principal: Principal, query: MyMeetingsQuery): Promise<MyMeetingPage> {
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    const cursor = decodeListCursor(query.cursor);
    const m = this.tx.none;
    let items: MemberMeetingRow[] = [];
    let nextCursor: string | null = null;
    if (cursor.segment === 'upcoming') {
      const upcoming = await this.rows.memberPage(m, principal, 'upcoming', cursor.after, limit);
      items = upcoming.slice(0, limit);
      if (upcoming.length > limit) nextCursor = `u.${encodeCursor(positionOf(items.at(-1)!))}`;
    }
    if (nextCursor === null) {
      const room = limit - items.length;
      const after = cursor.segment === 'past' ? cursor.after : null;
      const past = await this.rows.memberPage(m, principal, 'past', after, room);
      if (room === 0) {
        if (past.length > 0) nextCursor = 'p';
      } else {
        const taken = past.slice(0, room);
        items = items.concat(taken);
        if (past.length > room) nextCursor = `p.${encodeCursor(positionOf(taken.at(-1)!))}`;
      }
    }
    const names = await this.committees.byIds(m, [...new Set(items.map((r) => r.committeeId))]);
    return {
      items: items.map((r): MyMeetingItem => ({
        id: r.id,
        committeeId: r.committeeId,
        committeeName: names.get(r.committeeId)?.name ?? null,
        kind: r.kind,
        month: r.month,
        title: r.title,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        place: r.place,
        onlineUrl: r.onlineUrl,
        status: r.status,
        statusReason: r.statusReason,
        myAttendanceState: r.myState,
      })),
      nextCursor,
    };
  }

  async detail(principal: Principal, id: string): Promise<MyMeetingDetail> {
    const m = this.tx.none;
    const meeting = await this.meetings.findForMember(m, principal, id);
    const memberId = principal.memberId!;
    const [agenda, attendance, excuse, committee] = await Promise.all([
      this.rows.agenda(m, meeting.id),
      this.rows.attendance(m, meeting.id, memberId),
      this.rows.excuseOf(m, meeting.id, memberId),
      this.committees.findById(m, meeting.committeeId),
    ]);
    const attachments = await this.rows.attachments(
      m,
      agenda.map((i) => i.id),
    );
    return {
      id: meeting.id,
      committeeId: meeting.committeeId,
      committeeName: committee?.name ?? null,
      kind: meeting.kind,
      month: meeting.month.slice(0, 7),
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      status: meeting.status,
      statusReason: meeting.statusReason,
      myAttendanceState: attendance?.state ?? null,
      agenda: agenda.map((item) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        description: item.description,
        presenterMemberId: item.presenterMemberId,
        presenterName: item.presenterName,
        attachments: attachments.filter((a) => a.agendaItemId === item.id).map((a) => toMyAttachment(meeting.id, a)),
      })),
      myAttendance: attendance ? toMyAttendance(attendance) : null,
      myExcuse: excuse ? toExcuseResponse(excuse) : null,
      canVote: canVote(meeting.status, attendance),
      canAskExcuse:
        EXCUSE_OPEN_STATUSES.includes(meeting.status) &&
        !!attendance &&
        !isCheckedIn(attendance.state) &&
        (excuse?.status ?? 'pending') === 'pending',
      canComment: COMMENT_OPEN_STATUSES.includes(meeting.status),
    };
  }

  /**
   * The bytes of an agenda attachment. A library document counts as a view of that document for
   * analytics, like a read through /api/me/documents.
   */
  async attachmentFile(principal: Principal, id: string, attachmentId: string): Promise<DownloadableFile> {
    const m = this.tx.none;
    const meeting = await this.meetings.findForMember(m, principal, id);
    const attachment = await this.rows.attachment(m, meeting.id, attachmentId);
    if (!attachment) throw MeetingErrors.attachmentNotFound();
    if (attachment.documentId) {
      const file = await this.files.publishedDocumentFile(attachment.documentId);
      await this.events.recordServerView(principal, 'document', attachment.documentId);
      return file;
    }
    return this.files.storedFile(attachment.storedFileId!, attachment.title);
  }

  /**
   * Asks to be excused (xin vắng), or changes the reason while the request is pending. Only an
   * invited member who has not checked in, while the meeting is ahead or under way.
   */
  async askExcuse(principal: Principal, id: string, dto: ExcuseRequestDto): Promise<ExcuseResponse> {
    return this.tx.run(async (tx) => {
      // the meeting's row is locked: a close or a cancel waits for the request (and sees it)
      const meeting = await this.meetings.findForMember(tx, principal, id, true);
      this.assertExcuseOpen(meeting);
      const memberId = principal.memberId!;
      const attendance = await this.rows.attendance(tx, meeting.id, memberId, true);
      if (!attendance) throw MeetingErrors.notInvited();
      if (isCheckedIn(attendance.state)) throw MeetingErrors.alreadyCheckedIn();
      const excuse = await this.rows.upsertPendingExcuse(tx, meeting.id, memberId, dto.reason);
      if (!excuse) throw MeetingErrors.excuseDecided();
      return toExcuseResponse(excuse);
    });
  }

  private assertExcuseOpen(meeting: Meeting): void {
    if (!EXCUSE_OPEN_STATUSES.includes(meeting.status)) throw MeetingErrors.excuseClosed();
  }

  /** The meeting's comments: everyone's visible ones and the caller's own hidden ones (marked). */
  async comments(principal: Principal, id: string): Promise<CommentResponse[]> {
    const m = this.tx.none;
    const meeting = await this.meetings.findForMember(m, principal, id);
    const comments = await this.rows.comments(m, meeting.id, principal.memberId!);
    const names = await this.roster.fullNames(
      m,
      comments.map((c) => c.memberId),
    );
    return comments.map((c) => toCommentResponse(c, names, principal.memberId));
  }

  /**
   * A comment (góp ý) on one of the meeting's agenda items, while the meeting is scheduled or in
   * progress. Sent twice (a retry), it is stored once.
   */
  async comment(principal: Principal, id: string, dto: CreateCommentDto): Promise<CommentResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForMember(tx, principal, id, true);
      if (!COMMENT_OPEN_STATUSES.includes(meeting.status)) throw MeetingErrors.commentsClosed();
      const item = await this.rows.agendaItemOf(tx, meeting.id, dto.agendaItemId);
      if (!item) throw MeetingErrors.agendaItemNotFound();
      const values = { meetingId: meeting.id, agendaItemId: item.id, memberId: principal.memberId!, body: dto.body };
      // the same words from the same member on the same item are a retry (a lost answer, a double
      // tap): answered with the comment already stored. The meeting's row lock orders simultaneous ones.
      const saved = (await this.rows.sameComment(tx, values)) ?? (await this.rows.insertComment(tx, values));
      const names = await this.roster.fullNames(tx, [saved.memberId]);
      return toCommentResponse(saved, names, principal.memberId);
    });
  }
}
