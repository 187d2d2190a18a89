import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { JobsService } from '../jobs/jobs.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreateMeetingTaskDto, UpdateMeetingTaskDto } from './dto/meeting-task.dto.js';
import { toMeetingTaskResponse, type MeetingTaskResponse, type MyTasksResponse } from './dto/meeting-task.response.js';
import type { Meeting } from './entities/meeting.entity.js';
import type { MeetingTask } from './entities/meeting-task.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingTasksRepository, type TaskFields } from './meeting-tasks.repository.js';
import { notifyTaskAssigned, notifyTaskOverdue } from './meeting-notifications.js';
import { MeetingErrors } from './meetings.errors.js';
import { TASK_STATUSES } from './meetings.rules.js';

/**
 * The tasks a meeting assigns (nhiệm vụ): to a member invited to it, or to the branch committee.
 * Assigned, changed and removed during the meeting and after it, also once the minutes are locked
 * (tasks are follow-up work, not the text of the minutes); the secretary sees the overdue ones, the
 * member their own and marks them done.
 */
/** The queue of the overdue reminders: one job per task and due date, run at 08:00 Vietnam time the day after. */
export const TASK_OVERDUE_QUEUE = 'meeting-task-overdue';

interface OverdueJob {
  meetingId: string;
  taskId: string;
  dueOn: string;
}

@Injectable()
export class MeetingTasksService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly tasks: MeetingTasksRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue(TASK_OVERDUE_QUEUE, { retryLimit: 5 });
    await this.jobs.work<OverdueJob>(TASK_OVERDUE_QUEUE, { batchSize: 20 }, async (jobs) => {
      for (const job of jobs) await this.remindOverdue(job.data);
    });
  }

  /** The reminder, if the task is still open with the same due date and assignee (a done, moved or deleted task is skipped). */
  async remindOverdue(job: OverdueJob): Promise<void> {
    await this.tx.run(async (tx) => {
      const task = await this.tasks.findInMeeting(tx, job.meetingId, job.taskId).catch(() => null);
      if (!task || task.doneAt || task.dueOn !== job.dueOn || !task.assigneeMemberId) return;
      await notifyTaskOverdue(this.notifications, tx, {
        id: task.id,
        title: task.title,
        assigneeMemberId: task.assigneeMemberId,
        dueOn: job.dueOn,
      });
    });
  }

  /**
   * After a task is created or changed, in its transaction: the assignee is told of a new
   * assignment, and an open task with a due date gets its overdue reminder queued (once per due date).
   */
  private async followUp(tx: Tx, principal: Principal, meeting: Meeting, before: MeetingTask | null, task: MeetingTask): Promise<void> {
    if (!task.assigneeMemberId || task.doneAt) return;
    if (before?.assigneeMemberId !== task.assigneeMemberId) {
      await notifyTaskAssigned(this.notifications, tx, principal, meeting, {
        id: task.id,
        title: task.title,
        assigneeMemberId: task.assigneeMemberId,
        dueOn: task.dueOn,
      });
    }
    if (task.dueOn && (before?.dueOn !== task.dueOn || before?.assigneeMemberId !== task.assigneeMemberId || before?.doneAt)) {
      // 08:00 in Vietnam (UTC+7, no daylight saving) the day after the due date
      const at = new Date(Date.parse(`${task.dueOn}T01:00:00Z`) + 86_400_000);
      const job: OverdueJob = { meetingId: meeting.id, taskId: task.id, dueOn: task.dueOn };
      await this.jobs.send(TASK_OVERDUE_QUEUE, job, { startAfter: at, singletonKey: `${task.id}:${task.dueOn}` }, tx);
    }
  }

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
      const task = await this.tasks.findInMeeting(tx, meeting.id, id);
      await this.followUp(tx, principal, meeting, null, task);
      return toMeetingTaskResponse(task, localDate());
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
        await this.followUp(tx, principal, meeting, task, await this.tasks.findInMeeting(tx, meeting.id, task.id));
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
