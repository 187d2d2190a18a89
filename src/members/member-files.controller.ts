import type {} from '@fastify/multipart';
import { Controller, Get, HttpCode, Post, Req, StreamableFile } from '@nestjs/common';
import { Query } from '../common/params.js';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, errorSchema } from '../common/api-docs.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { MemberExportQuery, MemberImportQuery, MemberImportResult } from './dto/member-import-export.dto.js';
import { ImportErrors, MembersErrorCode } from './members.errors.js';
import { EXPORT_CONTENT_TYPES, MemberExportService } from './member-export.service.js';
import { IMPORT_MAX_ROWS, MemberImportService } from './member-import.service.js';
import { LongWork } from '../common/long-work.js';

/**
 * The member register as a file: import (.xlsx/.csv upsert, all or nothing) and export (the
 * filtered list). `GET /members/export` is a static path, which Fastify's router prefers to
 * `GET /members/:id` whatever the registration order.
 */
@ApiTags('members')
@Controller('members')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class MemberFilesController {
  constructor(
    private readonly importer: MemberImportService,
    private readonly exporter: MemberExportService,
    private readonly config: AppConfig,
  ) {}

  @LongWork()
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importMembers',
    summary: 'Import members from an .xlsx or .csv file (upsert, all or nothing)',
    description:
      'One file in the multipart field `file`: an .xlsx workbook (first sheet) or a UTF-8 CSV (with or without BOM; `,` `;` or tab). ' +
      'The header row names the columns in Vietnamese or by the API field names, without regard to case or diacritics: ' +
      'Họ và tên, Giới tính (Nam/Nữ), Ngày sinh, Số thẻ đảng, Mã định danh, Trạng thái (Chính thức/Dự bị), Ngày vào Đảng, ' +
      'Ngày chính thức, Miễn sinh hoạt (Có/Không), Ngày miễn, Lý do miễn, Điện thoại, Email, Mã chi bộ (the branch code, in scope), ' +
      'Lý do chưa cài, Mã hệ thống (the member id an export writes). Dates DD/MM/YYYY, YYYY-MM-DD or workbook dates. ' +
      'A row updates the member with its Mã hệ thống, else its party card number, else its external id, and creates one otherwise; ' +
      'a new Mã chi bộ transfers the member. Every row is checked with the rules of `createMember`; any problem answers 422 ' +
      '`IMPORT_INVALID` with `rows` listing every problem by row (header = row 1) and column, and nothing is written. ' +
      `At most ${IMPORT_MAX_ROWS} rows. \`dryRun=true\` checks and counts without writing. ` +
      "The file is read as a stream against caps on rows, columns, a cell, the text and cells held, and (xlsx) each part's " +
      'unzipped size, compression ratio and XML depth (the IMPORT_MAX_* settings); the first cap crossed answers 413 ' +
      '(`IMPORT_TOO_MANY_ROWS`, `IMPORT_TOO_MANY_COLUMNS`, `IMPORT_CELL_TOO_LONG`, `IMPORT_TOO_MUCH_DATA`, `IMPORT_ZIP_BOMB`) ' +
      'or 422 (`IMPORT_FILE_TOO_COMPLEX`: too many parts, nesting, a DTD) and nothing is written.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.xlsx or .csv (UTF-8)' } },
    },
  })
  @ApiOkResponse({ type: MemberImportResult, description: 'What was imported (or, on a dry run, would be)' })
  @ApiErrors(409, { 400: [MembersErrorCode.ImportBadCsv, MembersErrorCode.ImportEmpty, MembersErrorCode.ImportNoFile] })
  @ApiResponse({
    status: 413,
    description:
      'The upload (`IMPORT_TOO_LARGE`) or what it holds once read (rows, columns, a cell, text, an xlsx part) is over a cap; nothing was written',
    schema: errorSchema([
      MembersErrorCode.ImportCellTooLong,
      MembersErrorCode.ImportTooLarge,
      MembersErrorCode.ImportTooManyColumns,
      MembersErrorCode.ImportTooManyRows,
      MembersErrorCode.ImportTooMuchData,
      MembersErrorCode.ImportZipBomb,
    ]),
  })
  @ApiResponse({
    status: 415,
    description: 'Not an .xlsx workbook or UTF-8 CSV, or not multipart/form-data',
    schema: errorSchema([MembersErrorCode.ImportUnsupportedFile]),
  })
  @ApiResponse({
    status: 422,
    description:
      'The file has problems (`IMPORT_INVALID`): `rows` lists them; or the workbook cannot be read safely (`IMPORT_FILE_TOO_COMPLEX`); nothing was written',
    schema: errorSchema([MembersErrorCode.ImportFileTooComplex, MembersErrorCode.ImportInvalid]),
  })
  async import(@CurrentUser() user: Principal, @Query() query: MemberImportQuery, @Req() req: FastifyRequest): Promise<MemberImportResult> {
    if (!req.isMultipart()) {
      throw ImportErrors.notMultipart();
    }
    let part;
    let buffer: Buffer;
    try {
      part = await req.file({ limits: { fileSize: this.config.IMPORT_MAX_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file') throw ImportErrors.noFile();
      buffer = await part.toBuffer();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if ((e as { statusCode?: number }).statusCode === 413) {
        throw ImportErrors.tooLarge(this.config.IMPORT_MAX_BYTES);
      }
      throw e;
    }
    return this.importer.import(user, { buffer, filename: part.filename || 'upload' }, query.dryRun ?? false);
  }

  @Get('import-template')
  @ApiOperation({
    operationId: 'memberImportTemplate',
    summary: 'An xlsx template for the member import: the header row, one example row and a sheet explaining each column',
    description:
      'Sheet "Đảng viên": the columns the import reads, one example row (in the caller\'s branch when they have one; delete it ' +
      'before importing), drop-down lists for Giới tính, Trạng thái, Miễn sinh hoạt and Lý do chưa cài. Sheet "Hướng dẫn": each ' +
      'column, whether a new member needs it, and its format or values.',
  })
  @ApiOkResponse({
    description: 'The workbook',
    content: { [EXPORT_CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } },
    headers: { 'Content-Disposition': { description: '`attachment; filename="mau-nhap-dang-vien.xlsx"`', schema: { type: 'string' } } },
  })
  async importTemplate(@CurrentUser() user: Principal): Promise<StreamableFile> {
    const body = await this.importer.template(user);
    return new StreamableFile(body, {
      type: EXPORT_CONTENT_TYPES.xlsx,
      disposition: 'attachment; filename="mau-nhap-dang-vien.xlsx"',
      length: body.length,
    });
  }

  @LongWork()
  @Get('export')
  @ApiOperation({
    operationId: 'exportMembers',
    summary: 'The filtered member list as a CSV or xlsx file (same filters and sort as listMembers, no range); audited',
    description:
      'The columns and values of the import, so an exported file re-imports unchanged. CSV: UTF-8 with a BOM, dates DD/MM/YYYY. ' +
      'xlsx: one sheet, real dates. `Content-Disposition: attachment; filename="dang-vien-YYYYMMDD.csv"`.',
  })
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': { schema: { type: 'string', description: 'UTF-8 with a BOM' } },
      [EXPORT_CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': { description: '`attachment; filename="dang-vien-YYYYMMDD.<format>"`', schema: { type: 'string' } },
    },
  })
  @ApiErrors(400)
  async export(@CurrentUser() user: Principal, @Query() query: MemberExportQuery): Promise<StreamableFile> {
    const file = await this.exporter.export(user, query);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
      length: file.body.length,
    });
  }
}
