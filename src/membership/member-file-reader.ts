import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ApiError } from '../common/errors.js';
import { unescapeCsvCell } from '../common/csv.js';
import type { CellValue } from './member-file-format.js';

/** A non-blank row of the uploaded sheet with its spreadsheet row number (1-based). */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: SheetRow[];
}

export const ImportFileErrors = {
  empty: () => ApiError.badRequest('The file is empty', undefined, 'IMPORT_EMPTY'),
  unsupported: (why: string) => new ApiError(415, 'IMPORT_UNSUPPORTED_FILE', `${why}; send an .xlsx workbook or a UTF-8 .csv file`),
  tooManyRows: (max: number) =>
    ApiError.badRequest(`The file has more than ${max} rows; split it into several files`, undefined, 'IMPORT_TOO_MANY_ROWS'),
};

/** The header is looked for in the first rows (offices put a title above it). */
export const HEADER_SEARCH_ROWS = 10;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads an uploaded member file, recognised by its content (not its name): an xlsx workbook is a
 * zip (`PK\x03\x04`), anything else must be UTF-8 text, read as CSV. Blank rows are dropped, the
 * others keep their spreadsheet row numbers. Stops with 400 once clearly more than `maxRows` data
 * rows are read (the import checks the exact count once it knows the header row).
 */
export async function readSheet(buffer: Buffer, maxRows: number): Promise<Sheet> {
  if (buffer.length === 0) throw ImportFileErrors.empty();
  if (buffer.subarray(0, 4).equals(OLE)) throw ImportFileErrors.unsupported('This is an old Excel 97-2003 (.xls) file; save it as .xlsx');
  const sheet: Sheet = buffer.subarray(0, 4).equals(ZIP)
    ? { format: 'xlsx', rows: await readXlsx(buffer, maxRows) }
    : { format: 'csv', rows: readCsv(buffer, maxRows) };
  if (!sheet.rows.length) throw ImportFileErrors.empty();
  return sheet;
}

const isBlank = (cells: CellValue[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

// ---- CSV ----

function decodeUtf8(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    throw ImportFileErrors.unsupported('The file is neither an .xlsx workbook nor UTF-8 text (save a CSV as "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw ImportFileErrors.unsupported('The file is binary, not a CSV text');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `,` by default; `;` as Excel writes CSV under a Vietnamese locale; tab for pasted text. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length).replace(/"[^"]*"/g, '');
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ',';
}

function readCsv(buffer: Buffer, maxRows: number): SheetRow[] {
  const text = decodeUtf8(buffer);
  if (!text.trim()) throw ImportFileErrors.empty();
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // blank lines stay records: a record per spreadsheet row, so row numbers are the ones Excel shows
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const where = (e as { lines?: number }).lines;
    throw ApiError.badRequest(`The CSV cannot be read${where ? ` (near line ${where})` : ''}: ${(e as Error).message}`, undefined, 'IMPORT_BAD_CSV');
  }
  const rows: SheetRow[] = [];
  records.forEach((record, i) => {
    const cells = record.map((c) => (c.trim() === '' ? null : unescapeCsvCell(c)));
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  });
  if (rows.length > maxRows + HEADER_SEARCH_ROWS) throw ImportFileErrors.tooManyRows(maxRows);
  return rows;
}

// ---- XLSX ----

/** A workbook cell value as plain data: rich text, hyperlinks and formulas give their text or result. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/** Zip chunks as text, a character split between two chunks decoded whole. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: Record<string, (...args: any[]) => any> };

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk on its own, so a Vietnamese letter
 * whose bytes straddle two chunks comes out as U+FFFD (on a 100,000-row file, a dozen cells).
 * Its XML parser passes strings through untouched: hand it chunks already decoded, in order.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return BaseReader.prototype._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
  }

  _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return BaseReader.prototype._parseSharedStrings.call(this, entry);
  }
}

async function readXlsx(buffer: Buffer, maxRows: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let sheets = 0;
  try {
    const reader = new Utf8WorkbookReader(Readable.from([buffer]), {
      sharedStrings: 'cache',
      styles: 'cache', // to tell date cells from numbers
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        if (isBlank(cells)) continue;
        rows.push({ row: row.number, cells });
        if (rows.length > maxRows + HEADER_SEARCH_ROWS) throw ImportFileErrors.tooManyRows(maxRows);
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw ImportFileErrors.unsupported(`The file is a zip archive but not a readable .xlsx workbook (${(e as Error).message})`);
  }
  if (!sheets) throw ImportFileErrors.unsupported('The file is a zip archive but not an .xlsx workbook');
  return rows;
}
