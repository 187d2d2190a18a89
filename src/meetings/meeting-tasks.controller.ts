import { Controller, Delete, Get, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Principal } from '../common/principal.js';
import { CreateMeetingTaskDto, UpdateMeetingTaskDto } from './dto/meeting-task.dto.js';
import { MeetingTaskResponse } from './dto/meeting-task.response.js';
import { MeetingTasksService } from './meeting-tasks.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const STATUS_RULE =
  'Tasks are assigned, changed and removed while the meeting is in progress, held, or after its minutes are locked (follow-up ' +
  'work, not the text of the minutes); before that or for a cancelled meeting 409 MEETING_TASKS_NOT_OPEN.';

/** The tasks meetings assign (nhiệm vụ), for the secretary: per meeting, and the overdue list. */
@ApiTags('meetings')
@Controller()
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401, 403)
export class MeetingTasksController {
  constructor(private readonly tasks: MeetingTasksService) {}

  @Get('meeting-tasks')
  @ApiOperation({
    operationId: 'listMeetingTasks',
    summary: "Tasks assigned by meetings of the caller's scope (admin-list contract)",
    description:
      "Filters: `overdue` (true: not done and due before today, Vietnam calendar; false: the others), `committeeId` (the meeting's " +
      'committee, whole subtree), `meetingId`, `assigneeMemberId`, `done`, `q` (title), `id`. Sort: `dueOn` (default, soonest first), ' +
      '`createdAt`, `title`, `doneAt`.',
  })
  @AdminList('meeting-tasks', MeetingTaskResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<MeetingTaskResponse>> {
    return this.tasks.list(user, query);
  }

  @Post('meetings/:id/tasks')
  @ApiOperation({
    operationId: 'createMeetingTask',
    summary: 'Assign a task: to a member invited to the meeting, or (no assignee) to the branch committee',
    description: `${STATUS_RULE} An assignee not invited to this meeting: 400 with \`errors.assigneeMemberId\`.`,
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' })
  @ApiBody({ type: CreateMeetingTaskDto })
  @ApiCreatedResponse({ type: MeetingTaskResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.TasksNotOpen] })
  create(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CreateMeetingTaskDto): Promise<MeetingTaskResponse> {
    return this.tasks.create(user, id, body);
  }

  @Put('meetings/:id/tasks/:taskId')
  @ApiOperation({
    operationId: 'updateMeetingTask',
    summary: 'Change a task (title, assignee, due day) or mark it done or not done',
    description: STATUS_RULE,
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiBody({ type: UpdateMeetingTaskDto })
  @ApiOkResponse({ type: MeetingTaskResponse })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('taskId') taskId: string,
    @Body() body: UpdateMeetingTaskDto,
  ): Promise<MeetingTaskResponse> {
    return this.tasks.update(user, id, taskId, body);
  }

  @Delete('meetings/:id/tasks/:taskId')
  @ApiOperation({ operationId: 'deleteMeetingTask', summary: 'Remove a task; answers the removed task', description: STATUS_RULE })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiOkResponse({ type: MeetingTaskResponse })
  @ApiErrors(404, 409)
  remove(@CurrentUser() user: Principal, @Param('id') id: string, @Param('taskId') taskId: string): Promise<MeetingTaskResponse> {
    return this.tasks.remove(user, id, taskId);
  }
}
