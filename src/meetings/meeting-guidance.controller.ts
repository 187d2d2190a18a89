import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Principal } from '../common/principal.js';
import { CreateMeetingGuidanceDto, MeetingGuidanceResponse, UpdateMeetingGuidanceDto } from './dto/meeting-guidance.dto.js';
import { MeetingTransitionDto } from './dto/meeting.dto.js';
import { MeetingGuidanceService } from './meeting-guidance.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** The month's guidance for branch meetings (định hướng nội dung sinh hoạt chi bộ). docs/meetings.md. */
@ApiTags('meetings')
@Controller('meeting-guidance')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401, 403)
export class MeetingGuidanceController {
  constructor(private readonly guidance: MeetingGuidanceService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMeetingGuidance',
    summary: "Guidance written in the caller's subtree (drafts included) and published by the committees above (admin-list contract)",
    description:
      'Filters: `month` (YYYY-MM), `committeeId` (the publisher), `published`, `q` (title), `id`. Sort: `month` (default, latest first), `publishedAt`, `createdAt`, `title`.',
  })
  @AdminList('meeting-guidance', MeetingGuidanceResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<MeetingGuidanceResponse>> {
    return this.guidance.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getMeetingGuidance', summary: 'One guidance the caller may read' })
  @idParam()
  @ApiOkResponse({ type: MeetingGuidanceResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeetingGuidanceResponse> {
    return this.guidance.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createMeetingGuidance',
    summary: 'Write the month’s guidance for a committee’s subtree (unpublished until published)',
  })
  @ApiBody({ type: CreateMeetingGuidanceDto })
  @ApiCreatedResponse({ type: MeetingGuidanceResponse })
  @ApiErrors(400)
  create(@CurrentUser() user: Principal, @Body() body: CreateMeetingGuidanceDto): Promise<MeetingGuidanceResponse> {
    return this.guidance.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateMeetingGuidance',
    summary: "Change unpublished guidance of the caller's subtree (409 `MEETING_GUIDANCE_PUBLISHED` once published)",
  })
  @idParam()
  @ApiBody({ type: UpdateMeetingGuidanceDto })
  @ApiOkResponse({ type: MeetingGuidanceResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.GuidancePublished] })
  update(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: UpdateMeetingGuidanceDto,
  ): Promise<MeetingGuidanceResponse> {
    return this.guidance.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteMeetingGuidance',
    summary: "Delete unpublished guidance of the caller's subtree; answers it as it was (409 once published)",
  })
  @idParam()
  @ApiOkResponse({ type: MeetingGuidanceResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.GuidancePublished] })
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeetingGuidanceResponse> {
    return this.guidance.remove(user, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ operationId: 'publishMeetingGuidance', summary: 'Publish the guidance to the committee’s subtree (then fixed)' })
  @idParam()
  @ApiBody({ type: MeetingTransitionDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MeetingGuidanceResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.GuidancePublished] })
  publish(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: MeetingTransitionDto): Promise<MeetingGuidanceResponse> {
    return this.guidance.publish(user, id);
  }
}
