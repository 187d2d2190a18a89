import { Injectable } from '@nestjs/common';
import type { stream, Worksheet } from 'exceljs';
import { PassThrough } from 'node:stream';
import { AuditService } from '../audit/audit.service.js';
import { CSV_BOM, csvRows, type CsvDelimiter } from '../common/csv.js';
import { EXPORT_CONTENT_TYPES } from '../common/list-export.js';
import type { Principal } from '../common/principal.js';
import type { MemberExportQuery } from './dto/member-import-export.dto.js';
import {
  COMMITTEE_NAME_HEADER,
  formatBool,
  formatDate,
  formatGender,
  formatStatus,
  MEMBER_FILE_COLUMNS,
  NOT_INSTALLED_LABELS,
  type MemberFileField,
} from './member-file-format.js';
import { Transactions } from '../database/transactions.js';
import { MemberRepository, type MemberExportRow } from './member.repository.js';
import { loadExcelJS, type ExcelJS } from '../common/file-libraries.js';

/** Members read per query while the file is written: memory stays flat for any list size. */
const READ_BATCH = 2_000;

export { EXPORT_CONTENT_TYPES } from '../common/list-export.js';

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  count: number;
}

/** The export's columns: the import's, with the branch name after its code for people to read. */
type ExportColumn = { header: string; field: MemberFileField | 'committeeName' };
const EXPORT_COLUMNS: ExportColumn[] = MEMBER_FILE_COLUMNS.flatMap((c): ExportColumn[] =>
  c.field === 'committee'
    ? [
        { header: c.header, field: c.field },
        { header: COMMITTEE_NAME_HEADER, field: 'committeeName' },
      ]
    : [{ header: c.header, field: c.field }],
);
const DATE_FIELDS = new Set(MEMBER_FILE_COLUMNS.filter((c) => c.kind === 'date').map((c) => c.field));

/** A member as the cells of one row; dates stay ISO strings here (each format writes them its way). */
function cells(m: MemberExportRow): (string | boolean | null)[] {
  return EXPORT_COLUMNS.map(({ field }) => {
    switch (field) {
      case 'gender':
        return formatGender(m.gender);
      case 'status':
        return formatStatus(m.status);
      case 'exempted':
        return formatBool(m.exempted);
      case 'notInstalledReason':
        return m.notInstalledReason ? NOT_INSTALLED_LABELS[m.notInstalledReason] : null;
      default:
        return m[field] ?? null;
    }
  });
}

/** Today in Vietnam, for the file name: dang-vien-YYYYMMDD. */
const vietnamDate = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).replaceAll('-', '');

/**
 * The member list as a file: the same scope, filters and sort as `GET /api/members`, without a
 * range. Read through a cursor in batches inside one repeatable-read transaction (a consistent
 * snapshot; no entity objects for the whole list), written as UTF-8 CSV with a BOM (Excel then
 * shows Vietnamese correctly) or as a streamed xlsx workbook with real dates. The finished file is
 * sent whole, so a failure half-way answers an error rather than a truncated download. The file
 * has the import's headers, so it re-imports.
 */
@Injectable()
export class MemberExportService {
  constructor(
    private readonly tx: Transactions,
    private readonly members: MemberRepository,
    private readonly audit: AuditService,
  ) {}

  async export(principal: Principal, query: MemberExportQuery): Promise<ExportFile> {
    const format = query.format ?? 'csv';
    const listQuery = { filter: query.filter, sort: query.sort };
    const writer = format === 'csv' ? new CsvWriter(query.delimiter) : new XlsxWriter(await loadExcelJS());
    // one consistent snapshot, read in batches through a cursor (member.repository.ts)
    const count = await this.tx.run('REPEATABLE READ', (tx) =>
      this.members.scanExport(tx, principal, listQuery, READ_BATCH, (batch) => {
        for (const row of batch) writer.add(cells(row));
      }),
    );
    const body = await writer.finish();
    await this.audit.recordNow(principal, {
      action: 'member.export',
      entityType: 'member',
      committeeId: principal.committeeId,
      details: {
        format,
        ...(format === 'csv' ? { delimiter: query.delimiter ?? 'comma' } : {}),
        filter: query.filter ?? null,
        sort: query.sort ?? null,
        count,
      },
    });
    return { body, contentType: EXPORT_CONTENT_TYPES[format], filename: `dang-vien-${vietnamDate()}.${format}`, count };
  }
}

interface FileWriter {
  add(row: (string | boolean | null)[]): void;
  finish(): Promise<Buffer>;
}

class CsvWriter implements FileWriter {
  private readonly chunks: string[];
  private pending: string[][] = [];

  constructor(private readonly delimiter: CsvDelimiter = 'comma') {
    this.chunks = [CSV_BOM + csvRows([EXPORT_COLUMNS.map((c) => c.header)], delimiter)];
  }

  add(row: (string | boolean | null)[]): void {
    this.pending.push(
      row.map((v, i) => {
        if (v === null) return '';
        const s = String(v);
        return DATE_FIELDS.has(EXPORT_COLUMNS[i].field as MemberFileField) ? formatDate(s) : s;
      }),
    );
    if (this.pending.length >= READ_BATCH) this.flush();
  }

  private flush() {
    if (this.pending.length) this.chunks.push(csvRows(this.pending, this.delimiter));
    this.pending = [];
  }

  async finish(): Promise<Buffer> {
    this.flush();
    return Buffer.from(this.chunks.join(''), 'utf8');
  }
}

class XlsxWriter implements FileWriter {
  private readonly out = new PassThrough();
  private readonly chunks: Buffer[] = [];
  private readonly workbook: stream.xlsx.WorkbookWriter;
  private readonly sheet: Worksheet;

  constructor(ExcelJS: ExcelJS) {
    this.out.on('data', (c: Buffer) => this.chunks.push(c));
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet('Đảng viên', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = EXPORT_COLUMNS.map((c) => ({
      header: c.header,
      key: c.field,
      width: c.field === 'fullName' || c.field === 'committeeName' ? 28 : c.field === 'id' ? 38 : 16,
      style: DATE_FIELDS.has(c.field as MemberFileField) ? { numFmt: 'dd/mm/yyyy' } : {},
    }));
    this.sheet.getRow(1).font = { bold: true };
    this.sheet.getRow(1).commit();
  }

  add(row: (string | boolean | null)[]): void {
    const values = row.map((v, i) => {
      if (v === null) return null;
      // dates as real dates (UTC midnight is the calendar day in Excel); everything else as text
      if (DATE_FIELDS.has(EXPORT_COLUMNS[i].field as MemberFileField)) return new Date(`${v}T00:00:00Z`);
      return String(v);
    });
    this.sheet.addRow(values).commit();
  }

  async finish(): Promise<Buffer> {
    this.sheet.commit();
    await this.workbook.commit();
    return Buffer.concat(this.chunks);
  }
}
