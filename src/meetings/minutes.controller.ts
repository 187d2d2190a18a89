import { Controller, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Principal } from '../common/principal.js';
import { AddMinutesAddendumDto, NoFieldsDto, WriteMinutesDto } from './dto/minutes.dto.js';
import { MinutesAddendumResponse, MinutesResponse } from './dto/minutes.response.js';
import { MinutesService } from './minutes.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' });

/** The minutes (biên bản) of a held meeting: the secretary drafts, locks, adds dated addenda and prints them. */
@ApiTags('meetings')
@Controller('meetings')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401, 403)
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get(':id/minutes')
  @ApiOperation({
    operationId: 'getMeetingMinutes',
    summary: 'The minutes of a held meeting: attendance and vote results filled in, the text, tasks, addenda and the lock',
    description:
      'For a held meeting (a draft) or one whose minutes are locked. Before the meeting is held: 409 MEETING_MINUTES_NOT_AVAILABLE. ' +
      'Votes are the closed motions with their counts, denominator and outcome; no route says who voted how on a secret motion.',
  })
  @idParam()
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.MinutesNotAvailable] })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MinutesResponse> {
    return this.minutes.get(user, id);
  }

  @Put(':id/minutes')
  @ApiOperation({
    operationId: 'writeMeetingMinutes',
    summary: 'Write the discussion summary and the conclusions of the draft (both replaced)',
    description:
      'Only while the meeting is held and the minutes are not locked: locked minutes → 409 MEETING_MINUTES_LOCKED (add an addendum ' +
      'instead); a meeting not held yet → 409 MEETING_MINUTES_NOT_AVAILABLE. Blank text is stored as not written.',
  })
  @idParam()
  @ApiBody({ type: WriteMinutesDto })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.MinutesLocked, MeetingErrorCode.MinutesNotAvailable] })
  write(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: WriteMinutesDto): Promise<MinutesResponse> {
    return this.minutes.write(user, id, body);
  }

  @Post(':id/minutes/lock')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'lockMeetingMinutes',
    summary: 'Lock the minutes (held → minutes_locked): no edit afterwards, only dated addenda',
    description:
      'Needs the summary and the conclusions (else 400 MEETING_MINUTES_INCOMPLETE with `errors` on the missing fields). Records who ' +
      'locked them and when. A second lock is 409 MEETING_MINUTES_LOCKED; a meeting not held yet 409 MEETING_MINUTES_NOT_AVAILABLE.',
  })
  @idParam()
  @ApiBody({ type: NoFieldsDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(404, {
    400: [MeetingErrorCode.MinutesIncomplete],
    409: [MeetingErrorCode.MinutesLocked, MeetingErrorCode.MinutesNotAvailable],
  })
  lock(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: NoFieldsDto): Promise<MinutesResponse> {
    return this.minutes.lock(user, id);
  }

  @Post(':id/minutes/addenda')
  @ApiOperation({
    operationId: 'addMeetingMinutesAddendum',
    summary: 'Add a dated correction (phụ lục) to locked minutes; addenda are never edited',
    description: 'Only once the minutes are locked: before that 409 MEETING_MINUTES_NOT_LOCKED (edit the draft instead).',
  })
  @idParam()
  @ApiBody({ type: AddMinutesAddendumDto })
  @ApiCreatedResponse({ type: MinutesAddendumResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.MinutesNotLocked] })
  addAddendum(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddMinutesAddendumDto,
  ): Promise<MinutesAddendumResponse> {
    return this.minutes.addAddendum(user, id, body);
  }

  @Get(':id/minutes.pdf')
  @ApiOperation({
    operationId: 'getMeetingMinutesPdf',
    summary: 'The minutes as a PDF in Vietnamese (biên bản sinh hoạt chi bộ), the font embedded',
    description:
      'For a held meeting the PDF is headed and watermarked DỰ THẢO (draft); once locked it is the record, with its addenda. ' +
      'Before the meeting is held: 409 MEETING_MINUTES_NOT_AVAILABLE.',
  })
  @idParam()
  @ApiOkResponse({
    description: 'The PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: { 'Content-Disposition': { description: '`attachment; filename="bien-ban-YYYY-MM-DD.pdf"`', schema: { type: 'string' } } },
  })
  @ApiErrors(404, { 409: [MeetingErrorCode.MinutesNotAvailable] })
  async pdf(@CurrentUser() user: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const { minutes, pdf } = await this.minutes.pdf(user, id);
    const day = (minutes.heldAt ?? minutes.startsAt ?? new Date()).toISOString().slice(0, 10);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="bien-ban-${day}${minutes.status === 'minutes_locked' ? '' : '-du-thao'}.pdf"`,
      length: pdf.length,
    });
  }
}
