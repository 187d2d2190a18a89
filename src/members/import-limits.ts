import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppConfig } from '../config/app-config.js';
import { ImportFileErrors } from './members.errors.js';

/**
 * What an uploaded member file may hold once read. The readers check each cap while they stream,
 * so memory stays bounded whatever the file says about itself; the first cap crossed stops the
 * read with the error below (nothing has been written by then).
 */
export interface ImportLimits {
  /** Non-blank data rows (the header search adds a few). */
  maxRows: number;
  maxCellChars: number;
  maxColumns: number;
  /** Cells held for the whole file, each row counting its width. */
  maxCells: number;
  /** Characters of text held for the whole file, each string counting 16 more. */
  maxTextChars: number;
  /** Uncompressed bytes of each workbook part read. */
  maxUnzippedBytes: number;
  /** Uncompressed / compressed size of a workbook part over 1 MiB. */
  maxCompressionRatio: number;
  maxXmlDepth: number;
  /** Parts (files) in a workbook's zip: a workbook of many sheets has many. */
  maxZipEntries: number;
}

/** A workbook of 200 sheets with their relationships, drawings and comments stays under this. */
export const IMPORT_MAX_ZIP_ENTRIES = 2_000;

export function importLimits(config: AppConfig, maxRows: number): ImportLimits {
  return {
    maxRows,
    maxCellChars: config.IMPORT_MAX_CELL_CHARS,
    maxColumns: config.IMPORT_MAX_COLUMNS,
    maxCells: config.IMPORT_MAX_CELLS,
    maxTextChars: config.IMPORT_MAX_TEXT_CHARS,
    maxUnzippedBytes: config.IMPORT_MAX_UNZIPPED_BYTES,
    maxCompressionRatio: config.IMPORT_MAX_COMPRESSION_RATIO,
    maxXmlDepth: config.IMPORT_MAX_XML_DEPTH,
    maxZipEntries: IMPORT_MAX_ZIP_ENTRIES,
  };
}

/**
 * The running totals of one file against its caps: every cell and every string held is counted
 * when it is read, not after the whole file is.
 */
export class ImportBudget {
  private cells = 0;
  private text = 0;

  constructor(readonly limits: ImportLimits) {}

  /** A text of one cell (or one shared string) about to be kept. */
  checkCellText(s: string, row: number | null): void {
    if (s.length > this.limits.maxCellChars) throw ImportFileErrors.cellTooLong(this.limits.maxCellChars, row);
  }

  keepText(length: number): void {
    this.text += length + 16;
    if (this.text > this.limits.maxTextChars) throw ImportFileErrors.tooMuchData(`${this.limits.maxTextChars} characters of text`);
  }

  keepCells(count: number): void {
    this.cells += count;
    if (this.cells > this.limits.maxCells) throw ImportFileErrors.tooMuchData(`${this.limits.maxCells} cells`);
  }

  checkColumn(column: number, row: number | null): void {
    if (column > this.limits.maxColumns) throw ImportFileErrors.tooManyColumns(this.limits.maxColumns, row);
  }
}

/** Lets the event loop serve other requests between two chunks of a long parse. */
export const yieldToEventLoop = () => nextTurn();
