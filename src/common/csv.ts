import { ApiPropertyOptional } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { IsIn, IsOptional } from 'class-validator';

/**
 * The one CSV writer of every export (members, survey results, analytics): UTF-8 with a BOM and
 * CRLF rows, what Excel opens right. Text cells are neutralised against CSV injection here, so no
 * exporter can forget it.
 */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_BOM = '\ufeff';

export type CsvCell = string | number | boolean | null;

/** A line start (the cell's start, or after a CR or LF) followed by what a spreadsheet runs as a formula. */
const FORMULA_LINE_START = /(?<=^|[\r\n])(?=[=+\-@\t\r])/g;
const GUARDED_LINE_START = /(?<=^|[\r\n])'(?=[=+\-@\t\r])/g;

/**
 * Every line of a cell that Excel would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets
 * a leading apostrophe (OWASP's CSV-injection advice): the cell's first line, and each line after
 * a CR or LF inside it. The import takes them off again.
 */
export const escapeCsvCell = (s: string) => s.replace(FORMULA_LINE_START, "'");
export const unescapeCsvCell = (s: string) => s.replace(GUARDED_LINE_START, '');

/** csv-stringify quotes a cell holding the whole row delimiter (CRLF) but not a bare CR or LF. */
const LINE_BREAK = /[\r\n]/;

/**
 * The cell separator of a CSV file: `comma` (the default, what most programs read) or `semicolon`
 * (what Excel with Vietnamese regional settings, whose list separator is `;`, splits into columns).
 */
export const CSV_DELIMITERS = ['comma', 'semicolon'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
const SEPARATOR: Record<CsvDelimiter, string> = { comma: ',', semicolon: ';' };

/** The `delimiter` query parameter every CSV export takes (mixed into each export's query DTO). */
export class CsvDelimiterQuery {
  @ApiPropertyOptional({
    enum: CSV_DELIMITERS,
    default: 'comma',
    description: 'CSV only: the cell separator; `semicolon` for Excel with Vietnamese regional settings (list separator `;`)',
  })
  @IsOptional()
  @IsIn(CSV_DELIMITERS, { message: 'delimiter must be comma or semicolon' })
  delimiter?: CsvDelimiter;
}

/** Rows as CSV text (no BOM): text cells neutralised, CRLF after each row, `,` or `;` between cells. */
export function csvRows(rows: readonly (readonly CsvCell[])[], delimiter: CsvDelimiter = 'comma'): string {
  return stringify(
    rows.map((r) => r.map((c) => (typeof c === 'string' ? escapeCsvCell(c) : c))),
    // a bare CR or LF left unquoted starts a new row in a spreadsheet: quote every cell holding one
    { record_delimiter: 'windows', quoted_match: LINE_BREAK, delimiter: SEPARATOR[delimiter] },
  );
}

/** A whole CSV file: the BOM, then the rows. */
export const csvFile = (rows: readonly (readonly CsvCell[])[], delimiter: CsvDelimiter = 'comma'): Buffer =>
  Buffer.from(CSV_BOM + csvRows(rows, delimiter), 'utf8');
