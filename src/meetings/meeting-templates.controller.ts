import { Controller, Get, Post, Put } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { CreateMeetingDraftDto, MeetingTemplateResponse, UpdateMeetingTemplateDto } from './dto/meeting-template.dto.js';
import { MeetingResponse } from './dto/meeting.response.js';
import { MeetingTemplatesService } from './meeting-templates.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const committeeParam = () => ApiParam({ name: 'committeeId', schema: { type: 'integer', minimum: 1 } });

/** A branch's monthly template and the month's regular meeting drafted from it. docs/meetings.md. */
@ApiTags('meetings')
@Controller('meeting-templates')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401, 403)
export class MeetingTemplatesController {
  constructor(private readonly templates: MeetingTemplatesService) {}

  @Get(':committeeId')
  @ApiOperation({
    operationId: 'getMeetingTemplate',
    summary: "A branch's monthly template (the defaults while none is saved)",
    description: '400 `MEETING_COMMITTEE_NOT_MEMBER_HOLDING` for a committee above the branches.',
  })
  @committeeParam()
  @ApiOkResponse({ type: MeetingTemplateResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.NotMemberHolding] })
  get(@CurrentUser() user: Principal, @Param('committeeId', ParseIdPipe) committeeId: number): Promise<MeetingTemplateResponse> {
    return this.templates.get(user, committeeId);
  }

  @Put(':committeeId')
  @ApiOperation({
    operationId: 'updateMeetingTemplate',
    summary: "Save a branch's monthly template: the fields given replace the saved (or default) ones",
  })
  @committeeParam()
  @ApiBody({ type: UpdateMeetingTemplateDto })
  @ApiOkResponse({ type: MeetingTemplateResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.NotMemberHolding] })
  update(
    @CurrentUser() user: Principal,
    @Param('committeeId', ParseIdPipe) committeeId: number,
    @Body() body: UpdateMeetingTemplateDto,
  ): Promise<MeetingTemplateResponse> {
    return this.templates.update(user, committeeId, body);
  }

  @Post(':committeeId/drafts')
  @ApiOperation({
    operationId: 'draftMeetingFromTemplate',
    summary: "Draft the month's regular meeting from the template, the guidance's topics appended to its agenda",
    description:
      'Day, time (Vietnam time) and duration from the template give startsAt and endsAt. 409 `MEETING_REGULAR_EXISTS` when the ' +
      'committee already has a regular meeting (not cancelled) for the month.',
  })
  @committeeParam()
  @ApiBody({ type: CreateMeetingDraftDto })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.NotMemberHolding], 409: [MeetingErrorCode.RegularExists] })
  draft(
    @CurrentUser() user: Principal,
    @Param('committeeId', ParseIdPipe) committeeId: number,
    @Body() body: CreateMeetingDraftDto,
  ): Promise<MeetingResponse> {
    return this.templates.draft(user, committeeId, body);
  }
}
