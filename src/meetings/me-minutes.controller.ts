import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { WithETag } from '../common/etag.js';
import type { Principal } from '../common/principal.js';
import { MeetingTaskResponse, MyTasksResponse } from './dto/meeting-task.response.js';
import { NoFieldsDto } from './dto/minutes.dto.js';
import { MyMinutesResponse } from './dto/minutes.response.js';
import { MeetingTasksService } from './meeting-tasks.service.js';
import { MinutesService } from './minutes.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

/** The member's side of minutes and tasks (the mobile app): locked minutes, my tasks, marking one done. */
@ApiTags('me')
@Controller('me')
@Roles('member')
@ApiErrors(401, 403)
export class MeMinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly tasks: MeetingTasksService,
  ) {}

  @Get('meetings/:id/minutes')
  @ApiOperation({
    operationId: 'getMyMeetingMinutes',
    summary: 'The minutes of a meeting the member may see, once locked',
    description:
      "A meeting of the member's branch or one they were invited to; another branch's meeting is 404. Until the secretary locks " +
      'the minutes: 409 MEETING_MINUTES_NOT_LOCKED (the meeting exists for the member, its minutes are not ready).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' })
  @WithETag()
  @ApiOkResponse({ type: MyMinutesResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.MinutesNotLocked] })
  minutesOf(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MyMinutesResponse> {
    return this.minutes.getForMember(user, id);
  }

  @Get('tasks')
  @ApiOperation({
    operationId: 'listMyTasks',
    summary: 'The tasks meetings assigned to the member, newest due first (undated last); a plain list of at most 200',
    description: '`overdue`: not done and due before today (Vietnam calendar).',
  })
  @WithETag()
  @ApiOkResponse({ type: MyTasksResponse })
  mine(@CurrentUser() user: Principal): Promise<MyTasksResponse> {
    return this.tasks.mine(user);
  }

  @Post('tasks/:id/done')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markMyTaskDone',
    summary: "Mark one of the member's tasks done; again answers the same (the first time is kept)",
    description: "Only the assignee: any other task (another member's, the branch committee's) is 404.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The task' })
  @ApiBody({ type: NoFieldsDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MeetingTaskResponse })
  @ApiErrors(400, 404)
  done(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: NoFieldsDto): Promise<MeetingTaskResponse> {
    return this.tasks.markDone(user, id);
  }
}
