import { ApiListExport, fileResponse, ListExportQuery } from '../common/list-export.js';
import { Controller, Delete, Get, Post, Put, StreamableFile } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { BulkNewsStatusDto, CreateNewsDto, UpdateNewsDto } from './dto/news.dto.js';
import { ApiBulkAction, type BulkResult } from '../common/bulk.js';
import { NewsResponse } from './dto/news.response.js';
import { NewsService } from './news.service.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/**
 * Editors' news desk. Publishing is a field of the item, not a route of its own: `status: "published"`
 * in POST or PUT publishes (the first time sets publishedAt), `status: "draft"` withdraws it.
 */
@ApiTags('news')
@Controller('news')
@Roles('admin', 'committee_admin', 'editor')
@ApiErrors(401)
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listNews',
    summary: "News items published from the caller's subtree, drafts included (admin-list contract)",
    description:
      'Filters: `q` (title, without diacritics), `category`, `status`, `committeeId` (the whole subtree), `sourced`, `id`, ' +
      "`source` (`own`, the default: the subtree's; `above`: the published items of the committees above the caller's home committee, which reach its members; read only). " +
      'Sort: `publishedAt`, `title`, `createdAt` (default, newest first), `updatedAt`, `category`, `status`.',
  })
  @AdminList('news', NewsResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<NewsResponse>> {
    return this.news.list(user, query);
  }

  @Get('export')
  @ApiListExport('exportNews', 'news list', 'tin-tuc')
  async export(@CurrentUser() user: Principal, @Query() query: ListExportQuery): Promise<StreamableFile> {
    return fileResponse(await this.news.export(user, query));
  }

  @Post('bulk-status')
  @ApiBulkAction('setNewsStatus', 'Publish or unpublish several news items at once (each as updateNews would)', BulkNewsStatusDto)
  setStatusOfMany(@CurrentUser() user: Principal, @Body() body: BulkNewsStatusDto): Promise<BulkResult> {
    return this.news.setStatusOfMany(user, body.ids, body.status);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getNews', summary: 'One news item' })
  @idParam()
  @ApiOkResponse({ type: NewsResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<NewsResponse> {
    return this.news.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createNews',
    summary: 'Write a news item for a committee in scope (a draft unless status is published)',
    description: 'The body is stored sanitised. A sourced item needs sourceName and sourceUrl (400 with errors on those fields).',
  })
  @ApiBody({ type: CreateNewsDto })
  @ApiCreatedResponse({ type: NewsResponse })
  @ApiErrors(400)
  create(@CurrentUser() user: Principal, @Body() body: CreateNewsDto): Promise<NewsResponse> {
    return this.news.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateNews',
    summary: 'Edit, publish (status published) or withdraw (status draft) a news item',
    description: 'publishedAt is set on the first publication and kept by later edits and by withdrawing and publishing again.',
  })
  @idParam()
  @ApiBody({ type: UpdateNewsDto })
  @ApiOkResponse({ type: NewsResponse })
  @ApiErrors(400, 404)
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateNewsDto): Promise<NewsResponse> {
    return this.news.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteNews', summary: 'Delete a news item; answers the deleted record' })
  @idParam()
  @ApiOkResponse({ type: NewsResponse })
  @ApiErrors(404)
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<NewsResponse> {
    return this.news.remove(user, id);
  }
}
