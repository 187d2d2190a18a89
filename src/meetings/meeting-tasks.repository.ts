import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import {
  boolFilter,
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { scopeQuery } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { MeetingAttendance } from './entities/meeting-attendance.entity.js';
import { MeetingTask } from './entities/meeting-task.entity.js';
import { MeetingErrors } from './meetings.errors.js';

/** Not done and due before today (Vietnam calendar): the same rule as meetings.rules.ts isOverdue. */
const overdueSql = (todayParam: string) => `(t.done_at IS NULL AND t.due_on IS NOT NULL AND t.due_on < CAST(:${todayParam} AS date))`;

const overdueFilter: FilterHandler = (qb, value, p) => {
  if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') invalidListQuery('filter', 'overdue must be true or false');
  const overdue = value === true || value === 'true';
  qb.andWhere(overdue ? overdueSql(p) : `NOT ${overdueSql(p)}`, { [p]: localDate() });
};

const uuidFilter =
  (column: string, name: string): FilterHandler =>
  (qb, value, p) => {
    if (!isUuid(value)) invalidListQuery('filter', `${name} must be a UUID`);
    qb.andWhere(`${column} = :${p}`, { [p]: value });
  };

const LIST: ListSpec = {
  sortable: { id: 't.id', dueOn: 't.dueOn', createdAt: 't.createdAt', title: 't.title', doneAt: 't.doneAt' },
  defaultSort: ['dueOn', 'ASC'],
  tieBreaker: 't.id',
  filters: {
    id: idsFilter('t.id', 'uuid'),
    q: searchFilter('t.title'),
    committeeId: subtreeFilter('m.committee_id'),
    meetingId: uuidFilter('t.meeting_id', 'meetingId'),
    assigneeMemberId: uuidFilter('t.assignee_member_id', 'assigneeMemberId'),
    done: boolFilter((done) => (done ? 't.done_at IS NOT NULL' : 't.done_at IS NULL')),
    overdue: overdueFilter,
  },
};

/** The most tasks a member's list holds (newest due first); a member has a handful a year. */
export const MY_TASKS_LIMIT = 200;

export type TaskFields = Pick<MeetingTask, 'title' | 'assigneeMemberId' | 'dueOn'>;

/**
 * The `meeting_tasks` table, each task read with its meeting (and the meeting's committee) and its
 * assignee's name from the member register (read only).
 */
@Injectable()
export class MeetingTasksRepository {
  constructor(@InjectRepository(MeetingTask) private readonly tasks: Repository<MeetingTask>) {}

  private withRelations(qb: SelectQueryBuilder<MeetingTask>): SelectQueryBuilder<MeetingTask> {
    return qb
      .innerJoinAndSelect('t.meeting', 'm')
      .leftJoinAndSelect('m.committee', 'c')
      .leftJoin('t.assignee', 'asg')
      .addSelect(['asg.id', 'asg.fullName']);
  }

  /** The admin list of the tasks of meetings in the caller's scope. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<MeetingTask>> {
    const qb = scopeQuery(this.withRelations(this.tasks.createQueryBuilder('t')), principal, { committeeIdColumn: 'm.committee_id' });
    return runListQuery(qb, LIST, query);
  }

  /** A meeting's tasks, by due day (undated last), then as assigned. */
  forMeeting(tx: Tx, meetingId: string): Promise<MeetingTask[]> {
    return this.withRelations(tx.getRepository(MeetingTask).createQueryBuilder('t'))
      .where('t.meeting_id = :meetingId', { meetingId })
      .orderBy('t.due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  /** A task of that meeting, else the task's 404 (`lock`: FOR UPDATE). */
  async findInMeeting(tx: Tx, meetingId: string, taskId: string, lock = false): Promise<MeetingTask> {
    if (!isUuid(taskId)) throw MeetingErrors.taskNotFound();
    const qb = this.withRelations(tx.getRepository(MeetingTask).createQueryBuilder('t'))
      .where('t.id = :taskId', { taskId })
      .andWhere('t.meeting_id = :meetingId', { meetingId });
    if (lock) qb.setLock('pessimistic_write', undefined, ['t']);
    const task = await qb.getOne();
    if (!task) throw MeetingErrors.taskNotFound();
    return task;
  }

  /** The member's tasks, newest due first (undated last), at most MY_TASKS_LIMIT. */
  forAssignee(tx: Tx, memberId: string): Promise<MeetingTask[]> {
    return this.withRelations(tx.getRepository(MeetingTask).createQueryBuilder('t'))
      .where('t.assignee_member_id = :memberId', { memberId })
      .orderBy('t.due_on', 'DESC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(MY_TASKS_LIMIT)
      .getMany();
  }

  /** The member's own task, else the task's 404 (another member's task is not theirs to see). */
  async findForAssignee(tx: Tx, memberId: string, taskId: string, lock = false): Promise<MeetingTask> {
    if (!isUuid(taskId)) throw MeetingErrors.taskNotFound();
    const qb = this.withRelations(tx.getRepository(MeetingTask).createQueryBuilder('t'))
      .where('t.id = :taskId', { taskId })
      .andWhere('t.assignee_member_id = :memberId', { memberId });
    if (lock) qb.setLock('pessimistic_write', undefined, ['t']);
    const task = await qb.getOne();
    if (!task) throw MeetingErrors.taskNotFound();
    return task;
  }

  /** Whether the member was invited to the meeting (has an attendance row). */
  async isInvited(tx: Tx, meetingId: string, memberId: string): Promise<boolean> {
    return tx.getRepository(MeetingAttendance).exists({ where: { meetingId, memberId } });
  }

  async insert(tx: Tx, meetingId: string, fields: TaskFields): Promise<string> {
    const saved = await tx.save(tx.create(MeetingTask, { meetingId, ...fields }));
    return saved.id;
  }

  async update(tx: Tx, id: string, values: Partial<TaskFields & Pick<MeetingTask, 'doneAt' | 'doneBy'>>): Promise<void> {
    await tx.update(MeetingTask, { id }, values);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(MeetingTask, { id });
  }
}
