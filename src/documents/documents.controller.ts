import { ApiListExport, fileResponse, ListExportQuery } from '../common/list-export.js';
import type {} from '@fastify/multipart';
import { Controller, Delete, Get, HttpCode, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors, errorSchema } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { DocumentsService } from './documents.service.js';
import { BulkDocumentStatusDto, CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto.js';
import { ApiBulkAction, type BulkResult } from '../common/bulk.js';
import { DocumentResponse } from './dto/document.response.js';
import { ApiFileDownload, sendStoredFile } from './file-response.js';
import { ALLOWED_FILE_TYPE_NAMES } from './file-types.js';
import { FileStorage } from './storage/file-storage.js';
import { receiveUpload, UPLOAD_ERROR_CODES } from './receive-upload.js';
import { DocumentErrorCode } from './documents.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/**
 * The document library, editors' side (the dashboard): documents published by a committee in the
 * caller's subtree, drafts included. A document's file is uploaded to `POST /documents/{id}/file`
 * after the document exists (one route, one scope check; no orphan uploads).
 */
@ApiTags('documents')
@Controller('documents')
@Roles('admin', 'committee_admin', 'editor')
@ApiErrors(401)
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listDocuments',
    summary: "Documents published by committees in the caller's scope (admin-list contract)",
    description:
      'Filters: `q` (title, number and summary, without regard to diacritics or case), `type`, `status`, `committeeId` (the whole subtree), ' +
      "`tag`, `issuedFrom`/`issuedTo` (YYYY-MM-DD, inclusive), `hasFile`, `id`, `source` (`own`, the default: the subtree's; " +
      "`above`: the published documents of the committees above the caller's home committee, which reach its members; read only). Sort: `publishedAt`, `issuedOn`, `title`, `number`, `type`, " +
      '`status`, `createdAt` (default, newest first), `updatedAt`.',
  })
  @AdminList('documents', DocumentResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    return this.documents.list(user, query);
  }

  @Get('export')
  @ApiListExport('exportDocuments', 'document list', 'van-ban')
  async export(@CurrentUser() user: Principal, @Query() query: ListExportQuery): Promise<StreamableFile> {
    return fileResponse(await this.documents.export(user, query));
  }

  // static paths: Fastify prefers them to /documents/:id whatever the order
  @Post('bulk-status')
  @ApiBulkAction(
    'setDocumentsStatus',
    'Publish or unpublish several documents at once (each as updateDocument would)',
    BulkDocumentStatusDto,
  )
  setStatusOfMany(@CurrentUser() user: Principal, @Body() body: BulkDocumentStatusDto): Promise<BulkResult> {
    return this.documents.setStatusOfMany(user, body.ids, body.status);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getDocument', summary: 'One document' })
  @idParam()
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<DocumentResponse> {
    return this.documents.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createDocument',
    summary: 'Create a document (a draft unless status is published); attach its file with uploadDocumentFile',
  })
  @ApiBody({ type: CreateDocumentDto })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiErrors(400)
  create(@CurrentUser() user: Principal, @Body() body: CreateDocumentDto): Promise<DocumentResponse> {
    return this.documents.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateDocument',
    summary: 'Update a document; status publishes or unpublishes it (the first publication sets publishedAt)',
  })
  @idParam()
  @ApiBody({ type: UpdateDocumentDto })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 404)
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateDocumentDto): Promise<DocumentResponse> {
    return this.documents.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteDocument',
    summary: 'Delete a document (and its bookmarks); answers it as it was. Its file is removed unless another document has the same bytes',
    description: '409 `DOCUMENT_IN_USE` while a branch meeting’s agenda sends it ahead (unpublish it instead).',
  })
  @idParam()
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(404, { 409: [DocumentErrorCode.InUse] })
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<DocumentResponse> {
    return this.documents.remove(user, id);
  }

  @Get(':id/file')
  @ApiFileDownload(
    "Download the document's file (drafts included)",
    'downloadDocumentFile',
    'The bytes with their detected Content-Type; HTTP Range (one range) for resuming and previews. 404 when the document has no file.',
  )
  @idParam()
  async download(@CurrentUser() user: Principal, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return sendStoredFile(this.storage, req, reply, await this.documents.fileInScope(user, id));
  }

  @Post(':id/file')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'uploadDocumentFile',
    summary: `Attach (or replace) the document's file: ${ALLOWED_FILE_TYPE_NAMES}`,
    description:
      "One file in the multipart field `file`. The type is read from the bytes (magic numbers); the name and the part's " +
      'Content-Type are not trusted (the name is kept, sanitised, for downloads, and ends with the real extension). ' +
      'Anything else (an executable renamed .pdf, a plain zip, HTML) is 415 `UNSUPPORTED_FILE_TYPE`; beyond FILE_MAX_BYTES 413 ' +
      '`FILE_TOO_LARGE`. Identical bytes are stored once, whichever documents attach them; a replaced file is removed when no ' +
      'other document uses it.',
  })
  @idParam()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: ALLOWED_FILE_TYPE_NAMES } },
    },
  })
  @ApiOkResponse({ type: DocumentResponse, description: 'The document with its new file' })
  @ApiErrors(404, UPLOAD_ERROR_CODES)
  @ApiResponse({
    status: 415,
    description: '`UNSUPPORTED_FILE_TYPE`: the bytes are not an allowed type; or the request is not multipart/form-data',
    schema: errorSchema([DocumentErrorCode.UnsupportedFileType]),
  })
  async upload(@CurrentUser() user: Principal, @Param('id') id: string, @Req() req: FastifyRequest): Promise<DocumentResponse> {
    await this.documents.get(user, id); // scope first: an out-of-scope id is a 404 whatever the body
    const { upload, filename } = await receiveUpload(req, this.config.DATA_DIR, this.config.FILE_MAX_BYTES);
    return this.documents.attachFile(user, id, upload, filename);
  }

  @Delete(':id/file')
  @ApiOperation({
    operationId: 'deleteDocumentFile',
    summary: "Detach the document's file (removed unless another document has the same bytes)",
  })
  @idParam()
  @ApiOkResponse({ type: DocumentResponse, description: 'The document, now without a file' })
  @ApiErrors(404)
  detach(@CurrentUser() user: Principal, @Param('id') id: string): Promise<DocumentResponse> {
    return this.documents.detachFile(user, id);
  }
}
