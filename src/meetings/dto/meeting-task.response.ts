import { ApiProperty } from '@nestjs/swagger';
import type { MeetingTask } from '../entities/meeting-task.entity.js';
import { isOverdue } from '../meetings.rules.js';

/** A task a meeting assigned, with its meeting and assignee. */
export class MeetingTaskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ example: 'Sinh hoạt chi bộ thường kỳ tháng 12/2026' }) meetingTitle: string;
  @ApiProperty({ type: 'integer', description: 'The branch whose meeting assigned it' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null: assigned to the branch committee (chi ủy)' })
  assigneeMemberId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) assigneeName: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) dueOn: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) doneAt: Date | null;
  @ApiProperty({ description: 'Not done and due before today (Vietnam calendar)' }) overdue: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export function toMeetingTaskResponse(t: MeetingTask, today: string): MeetingTaskResponse {
  const done = t.doneAt !== null;
  return {
    id: t.id,
    meetingId: t.meetingId,
    meetingTitle: t.meeting?.title ?? '',
    committeeId: t.meeting?.committeeId ?? 0,
    committeeName: t.meeting?.committee?.name ?? null,
    title: t.title,
    assigneeMemberId: t.assigneeMemberId,
    assigneeName: t.assignee?.fullName ?? null,
    dueOn: t.dueOn,
    done,
    doneAt: t.doneAt,
    overdue: isOverdue(t.dueOn, done, today),
    createdAt: t.createdAt,
  };
}

/** The member's tasks (GET /api/me/tasks). */
export class MyTasksResponse {
  @ApiProperty({ type: MeetingTaskResponse, isArray: true, description: 'Newest due first, undated last; at most 200' })
  items: MeetingTaskResponse[];
}
