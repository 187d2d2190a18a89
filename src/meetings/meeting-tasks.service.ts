import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { CreateMeetingTaskDto, UpdateMeetingTaskDto } from './dto/meeting-task.dto.js';
import { toMeetingTaskResponse, type MeetingTaskResponse, type MyTasksResponse } from './dto/meeting-task.response.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingTasksRepository, type TaskFields } from './meeting-tasks.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { TASK_STATUSES } from './meetings.rules.js';

/**
 * The tasks a meeting assigns (nhiệm vụ): to a member invited to it, or to the branch committee.
 * Assigned, changed and removed during the meeting and after it, also once the minutes are locked
 * (tasks are follow-up work, not the text of the minutes); the secretary sees the overdue ones, the
 * member their own and marks them done.
 */
@Injectable()
export class MeetingTasksService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly tasks: MeetingTasksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<MeetingTaskResponse>> {
    const page = await this.tasks.list(principal, query);
    const today = localDate();
    return { ...page, items: page.items.map((t) => toMeetingTaskResponse(t, today)) };
  }

  create(principal: Principal, meetingId: string, dto: CreateMeetingTaskDto): Promise<MeetingTaskResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.openMeeting(tx, principal, meetingId);
      const assignee = dto.assigneeMemberId ?? null;
      await this.checkAssignee(tx, meeting.id, assignee);
      const fields: TaskFields = { title: dto.title.trim(), assigneeMemberId: assignee, dueOn: dto.dueOn ?? null };
      const id = await this.tasks.insert(tx, meeting.id, fields);
      await this.audit.record(tx, principal, {
        action: 'meeting.task.create',
        entityType: 'meeting_task',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { meetingId: meeting.id, ...fields },
      });
      return toMeetingTaskResponse(await this.tasks.findInMeeting(tx, meeting.id, id), localDate());
    });
  }

  update(principal: Principal, meetingId: string, taskId: string, dto: UpdateMeetingTaskDto): Promise<MeetingTaskResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.openMeeting(tx, principal, meetingId);
      const task = await this.tasks.findInMeeting(tx, meeting.id, taskId, true);
      const changes: Parameters<MeetingTasksRepository['update']>[2] = {};
      if (dto.title !== undefined && dto.title.trim() !== task.title) changes.title = dto.title.trim();
      if (dto.assigneeMemberId !== undefined && dto.assigneeMemberId !== task.assigneeMemberId) {
        await this.checkAssignee(tx, meeting.id, dto.assigneeMemberId);
        changes.assigneeMemberId = dto.assigneeMemberId;
      }
      if (dto.dueOn !== undefined && dto.dueOn !== task.dueOn) changes.dueOn = dto.dueOn;
      if (dto.done !== undefined && dto.done !== (task.doneAt !== null)) {
        changes.doneAt = dto.done ? new Date() : null;
        changes.doneBy = dto.done ? principal.id : null;
      }
      if (Object.keys(changes).length) {
        await this.tasks.update(tx, task.id, changes);
        await this.audit.record(tx, principal, {
          action: 'meeting.task.update',
          entityType: 'meeting_task',
          entityId: task.id,
          committeeId: meeting.committeeId,
          details: {
            meetingId: meeting.id,
            changes: {
              ...('title' in changes ? { title: changes.title } : {}),
              ...('assigneeMemberId' in changes ? { assigneeMemberId: changes.assigneeMemberId } : {}),
              ...('dueOn' in changes ? { dueOn: changes.dueOn } : {}),
              ...('doneAt' in changes ? { done: changes.doneAt !== null } : {}),
            },
          },
        });
      }
      return toMeetingTaskResponse(await this.tasks.findInMeeting(tx, meeting.id, task.id), localDate());
    });
  }

  remove(principal: Principal, meetingId: string, taskId: string): Promise<MeetingTaskResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.openMeeting(tx, principal, meetingId);
      const task = await this.tasks.findInMeeting(tx, meeting.id, taskId, true);
      await this.tasks.delete(tx, task.id);
      await this.audit.record(tx, principal, {
        action: 'meeting.task.delete',
        entityType: 'meeting_task',
        entityId: task.id,
        committeeId: meeting.committeeId,
        details: { meetingId: meeting.id, title: task.title, assigneeMemberId: task.assigneeMemberId, dueOn: task.dueOn },
      });
      return toMeetingTaskResponse(task, localDate());
    });
  }

  /** The member's tasks, newest due first. */
  async mine(principal: Principal): Promise<MyTasksResponse> {
    if (!principal.memberId) return { items: [] };
    const today = localDate();
    const tasks = await this.tasks.forAssignee(this.tx.none, principal.memberId);
    return { items: tasks.map((t) => toMeetingTaskResponse(t, today)) };
  }

  /** The assignee marks their task done; again is the same answer (the first time stays). Others' tasks: 404. */
  markDone(principal: Principal, taskId: string): Promise<MeetingTaskResponse> {
    return this.tx.run(async (tx) => {
      if (!principal.memberId) throw MeetingErrors.taskNotFound();
      const task = await this.tasks.findForAssignee(tx, principal.memberId, taskId, true);
      if (task.doneAt === null) {
        const at = new Date();
        await this.tasks.update(tx, task.id, { doneAt: at, doneBy: principal.id });
        task.doneAt = at;
        task.doneBy = principal.id;
      }
      return toMeetingTaskResponse(task, localDate());
    });
  }

  /** The meeting in scope, locked, in a status that takes tasks. */
  private async openMeeting(tx: Tx, principal: Principal, meetingId: string): Promise<Meeting> {
    const meeting = await this.meetings.findForStaff(tx, principal, meetingId, true);
    if (!TASK_STATUSES.includes(meeting.status)) throw MeetingErrors.tasksNotOpen();
    return meeting;
  }

  private async checkAssignee(tx: Tx, meetingId: string, memberId: string | null): Promise<void> {
    if (memberId !== null && !(await this.tasks.isInvited(tx, meetingId, memberId))) throw MeetingErrors.assigneeNotInvited();
  }
}
