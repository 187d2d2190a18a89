import type { Principal } from './principal.js';
import { applyDecorators, HttpStatus, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AdminListQuery, MAX_PAGE_SIZE, type ListPage } from './admin-list.js';
import { ApiErrors } from './api-docs.js';
import { CSV_CONTENT_TYPE, csvFile, CsvDelimiterQuery, type CsvCell, type CsvDelimiter } from './csv.js';
import { APP_TIME_ZONE, localDate } from './dates.js';
import { ApiError, CommonErrorCode } from './errors.js';
import { loadExcelJS } from './file-libraries.js';

/**
 * A dashboard list as a file (documents, news, accounts, the audit log): the rows the list answers
 * for the same scope, filters and sort, without a range, as CSV (UTF-8 with a BOM, `,` or `;`) or
 * an xlsx workbook. The member register has its own streamed export (members/member-export.service.ts)
 * for lists of tens of thousands; these lists are read through the list's own service, page by page.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE };

/** The most rows one list export writes; a longer list answers 422 EXPORT_TOO_LARGE (narrow the filter). */
export const LIST_EXPORT_MAX_ROWS = 20_000;

export class ListExportQuery extends IntersectionType(PickType(AdminListQuery, ['sort', 'filter'] as const), CsvDelimiterQuery) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'CSV (UTF-8 with a BOM) or an Excel workbook' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be csv or xlsx' })
  format?: ExportFormat;
}

/** One column of an export: its Vietnamese header and the cell of a row (a Date is a date-time in Vietnam). */
export interface ExportColumn<T> {
  header: string;
  cell: (row: T) => CsvCell | Date;
  width?: number;
}

export interface ListFile {
  body: Buffer;
  contentType: string;
  filename: string;
  count: number;
}

/** Every row of the list for `query` (its filters and sort), read a page at a time through the list's own service. */
export async function readWholeList<T>(query: ListExportQuery, list: (q: AdminListQuery) => Promise<ListPage<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; ; start += MAX_PAGE_SIZE) {
    const page = await list({ sort: query.sort, filter: query.filter, range: JSON.stringify([start, start + MAX_PAGE_SIZE - 1]) });
    if (page.total > LIST_EXPORT_MAX_ROWS) throw exportTooLarge(page.total);
    rows.push(...page.items);
    if (page.items.length < MAX_PAGE_SIZE || rows.length >= page.total) return rows;
  }
}

const exportTooLarge = (total: number) =>
  new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    CommonErrorCode.ExportTooLarge,
    `The list holds ${total} rows; an export writes at most ${LIST_EXPORT_MAX_ROWS}: narrow the filter`,
  );

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: APP_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** `dd/mm/yyyy HH:mm`, Vietnam time. */
const vietnamDateTime = (d: Date) => dateTime.format(d).replace(',', '');

/** The rows as a file named `<baseName>-YYYYMMDD.<format>`. */
export async function writeListFile<T>(
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
  opts: { format?: ExportFormat; delimiter?: CsvDelimiter; sheetName: string; baseName: string },
): Promise<ListFile> {
  const format = opts.format ?? 'csv';
  const filename = `${opts.baseName}-${localDate().replaceAll('-', '')}.${format}`;
  if (format === 'csv') {
    const lines = rows.map((r) =>
      columns.map((c) => {
        const v = c.cell(r);
        return v instanceof Date ? vietnamDateTime(v) : v;
      }),
    );
    const body = csvFile([columns.map((c) => c.header), ...lines], opts.delimiter);
    return { body, contentType: EXPORT_CONTENT_TYPES.csv, filename, count: rows.length };
  }
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.cell(r);
        // a date-time as Vietnam's wall clock (Excel has no time zones)
        return v instanceof Date ? new Date(v.getTime() + 7 * 3600_000) : v;
      }),
    );
  }
  columns.forEach((c, i) => {
    if (rows.length && columns[i].cell(rows[0]) instanceof Date) sheet.getColumn(i + 1).numFmt = 'dd/mm/yyyy hh:mm';
  });
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: EXPORT_CONTENT_TYPES.xlsx, filename, count: rows.length };
}

/** The audit entry of a list export: `<entityType>.export`, with the format, filters and row count. */
export const exportAudit = (entityType: string, principal: Principal, query: ListExportQuery, file: ListFile) => ({
  action: `${entityType}.export`,
  entityType,
  committeeId: principal.committeeId,
  details: {
    format: query.format ?? 'csv',
    ...((query.format ?? 'csv') === 'csv' ? { delimiter: query.delimiter ?? 'comma' } : {}),
    filter: query.filter ?? null,
    sort: query.sort ?? null,
    count: file.count,
  },
});

export const fileResponse = (f: ListFile) =>
  new StreamableFile(f.body, { type: f.contentType, disposition: `attachment; filename="${f.filename}"`, length: f.body.length });

/** The documentation of a list export route. */
export function ApiListExport(operationId: string, list: string, filename: string) {
  return applyDecorators(
    ApiOperation({
      operationId,
      summary: `The ${list} as a CSV or xlsx file (same scope, filters and sort as the list, no range); audited`,
      description:
        'CSV: UTF-8 with a BOM, `delimiter=semicolon` for Excel with Vietnamese regional settings; dates dd/mm/yyyy HH:mm, ' +
        `Vietnam time. xlsx: one sheet. At most ${LIST_EXPORT_MAX_ROWS} rows (more: 422 EXPORT_TOO_LARGE). ` +
        `\`Content-Disposition: attachment; filename="${filename}-YYYYMMDD.<format>"\`.`,
    }),
    ApiOkResponse({
      description: 'The file',
      content: {
        'text/csv': { schema: { type: 'string', description: 'UTF-8 with a BOM' } },
        [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
      headers: {
        'Content-Disposition': { description: `\`attachment; filename="${filename}-YYYYMMDD.<format>"\``, schema: { type: 'string' } },
      },
    }),
    ApiErrors(400, { 422: [CommonErrorCode.ExportTooLarge] }),
  );
}
