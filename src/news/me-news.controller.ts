import { EventsService } from '../analytics/events.service.js';
import { Controller, Get } from '@nestjs/common';
import { Param, Query } from '../common/params.js';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import { ETagged } from '../common/etag.js';
import type { Principal } from '../common/principal.js';
import { MeNewsQuery } from './dto/news.dto.js';
import { MeNewsDetail, MeNewsPage } from './dto/news.response.js';
import { NewsService } from './news.service.js';

const ifNoneMatch = () =>
  ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of the copy the app holds; 304 without a body when it is still current',
  });
const etagHeaders = {
  ETag: { description: 'Weak validator of this response body', schema: { type: 'string', example: 'W/"2jmj7l5rSw0yVb_vlWAYkK_YBwk"' } },
  'Cache-Control': { description: '`private, no-cache`: revalidate with If-None-Match', schema: { type: 'string' } },
};
const notModified = () =>
  ApiResponse({ status: 304, description: 'Not modified: the copy the app holds (If-None-Match) is current', headers: etagHeaders });

/**
 * The mobile app's news: what the committees of the caller's chain (their own and every one above)
 * published. Any signed-in account may read it (staff see their home committee's chain); drafts and
 * other subtrees' items do not exist here (404). The detail handler is where views are counted.
 */
@ApiTags('me')
@Controller('me/news')
@ApiErrors(401)
export class MeNewsController {
  constructor(
    private readonly news: NewsService,
    private readonly events: EventsService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listMyNews',
    summary: 'The news feed, newest first, paged by cursor',
    description:
      "Ordered by publishedAt then id, both descending. Pass the answer's `nextCursor` as `cursor` for the next page " +
      '(null on the last page): items published meanwhile do not shift or repeat what later pages hold. ' +
      'Items are compact (no body). 400 INVALID_CURSOR for a cursor this API did not give.',
  })
  @ETagged()
  @ifNoneMatch()
  @ApiOkResponse({ type: MeNewsPage, headers: etagHeaders })
  @notModified()
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: MeNewsQuery): Promise<MeNewsPage> {
    return this.news.feed(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getMyNews', summary: 'One news item in full (sanitised HTML body and its source)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ETagged()
  @ifNoneMatch()
  @ApiOkResponse({ type: MeNewsDetail, headers: etagHeaders })
  @notModified()
  @ApiErrors(404)
  async get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeNewsDetail> {
    const item = await this.news.read(user, id);
    // every read by a member is a `view` event for analytics (never fails the read)
    await this.events.recordServerView(user, 'news', item.id);
    return item;
  }
}
