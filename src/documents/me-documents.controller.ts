import { Controller, Delete, Get, HttpCode, Put, Req, Res } from '@nestjs/common';
import { Param, Query } from '../common/params.js';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { FeedQuery, MyDocumentsQuery } from './dto/document.dto.js';
import { MyBookmarkPage, MyDocumentDetail, MyDocumentPage } from './dto/document.response.js';
import { WithETag } from '../common/etag.js';
import { ApiFileDownload, sendStoredFile } from './file-response.js';
import { MeDocumentsService } from './me-documents.service.js';
import { FileStorage } from './storage/file-storage.js';

const ETAG_HEADER = { ETag: { description: 'Send it back in If-None-Match: 304 while unchanged', schema: { type: 'string' } } };
const idParam = () => ApiParam({ name: 'id', format: 'uuid' });
const documentIdParam = () => ApiParam({ name: 'documentId', format: 'uuid' });

/**
 * Reading the document library (the mobile app): published documents of the reader's committee
 * and every committee above it, and the reader's bookmarks. Any signed-in account may read (the
 * app's users are members; staff see what targets their home committee's chain, an admin of the
 * whole tree sees everything published). Drafts and documents aimed at other committees answer
 * 404, like missing ones. The mobile detail read is `detail` below: per-view analytics hook there.
 */
@ApiTags('me')
@Controller('me')
@ApiErrors(401)
export class MeDocumentsController {
  constructor(
    private readonly reading: MeDocumentsService,
    private readonly storage: FileStorage,
  ) {}

  @Get('documents')
  @ApiOperation({
    operationId: 'listMyDocuments',
    summary: 'Published documents for the caller, newest publication first, by cursor',
    description:
      'Compact items (no summary). `nextCursor` continues after the last item even when documents are published meanwhile ' +
      '(keyset paging on publishedAt, id: no duplicates, no gaps). `q` searches title, number and summary without regard to diacritics.',
  })
  @WithETag()
  @ApiOkResponse({ type: MyDocumentPage, headers: ETAG_HEADER })
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: MyDocumentsQuery): Promise<MyDocumentPage> {
    return this.reading.feed(user, query);
  }

  @Get('documents/:id')
  @ApiOperation({ operationId: 'getMyDocument', summary: 'One published document for the caller, with summary, tags and file details' })
  @idParam()
  @WithETag()
  @ApiOkResponse({ type: MyDocumentDetail, headers: ETAG_HEADER })
  @ApiErrors(404)
  detail(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MyDocumentDetail> {
    return this.reading.detail(user, id);
  }

  @Get('documents/:id/file')
  @ApiFileDownload(
    'Download the file of a published document for the caller',
    'downloadMyDocumentFile',
    'The bytes with their detected Content-Type; HTTP Range (one range) for resuming and page previews; ETag/304. ' +
      '404 for a draft, a document aimed at other committees, or one without a file.',
  )
  @idParam()
  async download(@CurrentUser() user: Principal, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return sendStoredFile(this.storage, req, reply, await this.reading.file(user, id));
  }

  @Get('bookmarks')
  @ApiOperation({
    operationId: 'listMyBookmarks',
    summary: "The caller's bookmarked documents, most recently bookmarked first, by cursor",
    description: 'A bookmarked document that was unpublished or no longer targets the caller is left out (not an error).',
  })
  @WithETag()
  @ApiOkResponse({ type: MyBookmarkPage, headers: ETAG_HEADER })
  @ApiErrors(400)
  bookmarks(@CurrentUser() user: Principal, @Query() query: FeedQuery): Promise<MyBookmarkPage> {
    return this.reading.bookmarks(user, query);
  }

  @Put('bookmarks/:documentId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'bookmarkMyDocument', summary: 'Bookmark a document to read later (idempotent)' })
  @documentIdParam()
  @ApiBody({
    required: false,
    description: 'No body is needed (an empty JSON object is accepted)',
    schema: { type: 'object', additionalProperties: false },
  })
  @ApiNoContentResponse({ description: 'Bookmarked (or already was)' })
  @ApiErrors(404)
  async bookmark(@CurrentUser() user: Principal, @Param('documentId') documentId: string): Promise<void> {
    await this.reading.bookmark(user, documentId);
  }

  @Delete('bookmarks/:documentId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'unbookmarkMyDocument', summary: 'Remove a bookmark (idempotent: removing an absent one is fine)' })
  @documentIdParam()
  @ApiNoContentResponse({ description: 'Not bookmarked (any more)' })
  @ApiErrors(404)
  async unbookmark(@CurrentUser() user: Principal, @Param('documentId') documentId: string): Promise<void> {
    await this.reading.unbookmark(user, documentId);
  }
}
