import { Controller, HttpCode, Post } from '@nestjs/common';
import { Body } from '../common/params.js';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { EventBatchDto, EventBatchResult, MAX_EVENTS_PER_BATCH } from './dto/events.dto.js';
import { EventsService } from './events.service.js';

/** The mobile app reports usage here (visits and views), in batches. */
@ApiTags('me')
@Controller('me/events')
@Roles('member')
@ApiErrors(401)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'sendMyEvents',
    summary: `Report usage events (app opens, content views) in a batch of up to ${MAX_EVENTS_PER_BATCH}`,
    description:
      'Each event is checked on its own: a bad one is refused in `rejected` with its reason, the others are stored. ' +
      'Idempotent by event id: an id already stored is answered as a duplicate and changes nothing, whatever else the ' +
      'retry changed (occurredAt, type), as are repeats of an id within a batch. A visit is a session: activity 30 minutes ' +
      "or more after the member's previous activity (by occurredAt, so events may arrive late and in any order). Of a " +
      "member's events of a day, the first EVENTS_MAX_COUNTED_PER_MEMBER_DAY count as views; the rest are stored, not " +
      "counted, and the member is reported as over the rate. The member's committee at this moment " +
      '(the moment the server receives the event) is recorded with each event. No client address is stored.',
  })
  @ApiBody({ type: EventBatchDto })
  @ApiAcceptedResponse({ type: EventBatchResult })
  @ApiErrors(400, 404, 413)
  ingest(@CurrentUser() user: Principal, @Body() body: EventBatchDto): Promise<EventBatchResult> {
    return this.events.ingest(user, body.events);
  }
}
