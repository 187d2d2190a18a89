import { parse as csvParser } from 'csv-parse';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unescapeCsvCell } from '../common/csv.js';
import { ApiError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import { ImportBudget, importLimits, yieldToEventLoop, type ImportLimits } from './import-limits.js';
import { ImportErrors, ImportFileErrors } from './members.errors.js';
import type { CellValue } from './member-file-format.js';
import { readXlsxRows, type SheetRow } from './xlsx-reader.js';

export type { SheetRow } from './xlsx-reader.js';

export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: SheetRow[];
}

/** The header is looked for in the first rows (offices put a title above it). */
export const HEADER_SEARCH_ROWS = 10;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** CSV text is handed to the parser in slices this big, the event loop served between two. */
const CSV_CHUNK_BYTES = 8 * 1024;

/**
 * Reads an uploaded member file, recognised by its content (not its name): an xlsx workbook is a
 * zip (`PK\x03\x04`), anything else must be UTF-8 text, read as CSV. Blank rows are dropped, the
 * others keep their spreadsheet row numbers. Both readers stream and check `limits` as rows
 * arrive: more than `maxRows` data rows (plus the rows the header may sit under), a cell, a row or
 * the whole file holding more than its cap, stop the read with 413 (see import-limits.ts); the
 * import checks the exact row count once it knows the header row. `limits` may be a row cap
 * alone, the other caps then being the configuration's defaults.
 */
export async function readSheet(buffer: Buffer, limits: number | ImportLimits): Promise<Sheet> {
  const budget = new ImportBudget(typeof limits === 'number' ? importLimits(new AppConfig(), limits) : limits);
  const rowCap = budget.limits.maxRows + HEADER_SEARCH_ROWS;
  if (buffer.length === 0) throw ImportFileErrors.empty();
  if (buffer.subarray(0, 4).equals(OLE)) throw ImportFileErrors.unsupported('This is an old Excel 97-2003 (.xls) file; save it as .xlsx');
  const sheet: Sheet = buffer.subarray(0, 4).equals(ZIP)
    ? { format: 'xlsx', rows: await readXlsxRows(buffer, budget, rowCap) }
    : { format: 'csv', rows: await readCsv(buffer, budget, rowCap) };
  if (!sheet.rows.length) throw ImportFileErrors.empty();
  return sheet;
}

const isBlank = (cells: CellValue[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

// ---- CSV ----

/** `,` by default; `;` as Excel writes CSV under a Vietnamese locale; tab for pasted text. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length).replace(/"[^"]*"/g, '');
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ',';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Checks the CSV's bytes before csv-parse sees them, so that it never holds more than one
 * bounded record: UTF-8 (415 otherwise), no NUL, at most `maxColumns` fields in a record and at
 * most a cell's worth of bytes in a field. Quotes are followed as RFC 4180 has them (a doubled
 * quote toggles twice), which is what csv-parse accepts.
 */
class CsvGuard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private quoted = false;
  private fields = 1;
  private fieldBytes = 0;
  private row = 1;
  private readonly maxFieldBytes: number;

  constructor(
    private readonly delimiter: number,
    private readonly limits: ImportLimits,
  ) {
    super();
    this.maxFieldBytes = limits.maxCellChars * 4 + 16;
  }

  override _transform(chunk: Buffer, _: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(ImportFileErrors.unsupported('The file is neither an .xlsx workbook nor UTF-8 text (save a CSV as "CSV UTF-8")'));
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0) return done(ImportFileErrors.unsupported('The file is binary, not a CSV text'));
      if (b === QUOTE) this.quoted = !this.quoted;
      else if (!this.quoted && (b === LF || b === CR)) {
        if (b === LF) this.row++;
        this.fields = 1;
        this.fieldBytes = 0;
        continue;
      } else if (!this.quoted && b === this.delimiter) {
        if (++this.fields > this.limits.maxColumns) return done(ImportFileErrors.tooManyColumns(this.limits.maxColumns, this.row));
        this.fieldBytes = 0;
        continue;
      }
      if (++this.fieldBytes > this.maxFieldBytes) return done(ImportFileErrors.cellTooLong(this.limits.maxCellChars, this.row));
    }
    done(null, chunk);
  }

  override _flush(done: (e?: Error | null) => void): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(ImportFileErrors.unsupported('The file is neither an .xlsx workbook nor UTF-8 text (save a CSV as "CSV UTF-8")'));
    }
  }
}

/** The file in slices, the event loop served between two: a 20 MB file never blocks it. */
async function* slices(buffer: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < buffer.length; at += CSV_CHUNK_BYTES) {
    yield buffer.subarray(at, at + CSV_CHUNK_BYTES);
    await yieldToEventLoop();
  }
}

async function readCsv(buffer: Buffer, budget: ImportBudget, rowCap: number): Promise<SheetRow[]> {
  const start = buffer
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const delimiter = detectDelimiter(start);
  const rows: SheetRow[] = [];
  let record = 0;
  const parser = csvParser({
    bom: true,
    delimiter,
    relax_column_count: true,
    // blank lines stay records: a record per spreadsheet row, so row numbers are the ones Excel shows
    skip_empty_lines: false,
  });
  // records are taken from the stream, not through csv-parse's on_record (which costs ~10 µs a record)
  const take = (fields: string[]) => {
    record++;
    const cells: CellValue[] = fields.map((c) => {
      if (c.trim() === '') return null;
      budget.checkCellText(c, record);
      budget.keepText(c.length);
      return unescapeCsvCell(c);
    });
    if (isBlank(cells)) return;
    budget.keepCells(cells.length);
    rows.push({ row: record, cells });
    if (rows.length > rowCap) throw ImportFileErrors.tooManyRows(budget.limits.maxRows);
  };
  const sink = new Writable({
    objectMode: true,
    write: (fields: string[], _encoding, done) => {
      try {
        take(fields);
      } catch (e) {
        return done(e as Error);
      }
      // a slice of short lines is thousands of records: serve the event loop between every thousand
      if (record % 1000 === 0) setImmediate(done);
      else done();
    },
  });
  try {
    await pipeline(Readable.from(slices(buffer)), new CsvGuard(delimiter.charCodeAt(0), budget.limits), parser, sink);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const where = (e as { lines?: number }).lines;
    throw ImportErrors.badCsv(`The CSV cannot be read${where ? ` (near line ${where})` : ''}: ${(e as Error).message}`);
  }
  return rows;
}
