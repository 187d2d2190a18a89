import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { ApiError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import {
  csvCommas,
  csvManyLines,
  csvOneLine,
  deepXmlXlsx,
  entityExpansionXlsx,
  hugeCellXlsx,
  inlineRowsXlsx,
  lyingSizeXlsx,
  manySheetsXlsx,
  sharedStringsBomb,
  workbook,
} from '../../test/support/upload-bombs.js';
import { importLimits, type ImportLimits } from './import-limits.js';
import { detectDelimiter, readSheet } from './member-file-reader.js';

const fails = async (buffer: Buffer) => {
  try {
    await readSheet(buffer, 100);
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the file to be refused');
};

describe('readSheet', () => {
  it('reads a UTF-8 CSV with a BOM, keeping spreadsheet row numbers across blank rows and quoted line breaks', async () => {
    const text = '\ufeffHọ và tên,Lý do miễn\r\nAn,"ốm\r\nlâu"\r\n\r\n,\r\nBình,\r\n';
    const sheet = await readSheet(Buffer.from(text), 100);
    expect(sheet.format).toBe('csv');
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['Họ và tên', 'Lý do miễn'] },
      { row: 2, cells: ['An', 'ốm\r\nlâu'] },
      { row: 5, cells: ['Bình', null] },
    ]);
  });

  it('finds the delimiter Excel used: comma, semicolon (Vietnamese locale) or tab', () => {
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('Họ và tên;Ngày sinh\n')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('one column')).toBe(',');
  });

  it('takes the apostrophe an export put before a formula-like cell off again', async () => {
    const sheet = await readSheet(Buffer.from("Điện thoại\n'+84912345678\n"), 100);
    expect(sheet.rows[1].cells).toEqual(['+84912345678']);
  });

  it('reads the first sheet of a workbook: rich text, formulas, dates and numbers as plain values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Một');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Điện thoại']);
    ws.addRow([{ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An', font: { bold: true } }] }, new Date(Date.UTC(1980, 4, 1)), 912345678]);
    ws.addRow([]);
    ws.addRow([{ formula: '"Trần "&"Bình"', result: 'Trần Bình' }, null, '0912000111']);
    wb.addWorksheet('Hai').addRow(['không đọc']);
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 100);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['Họ và tên', 'Ngày sinh', 'Điện thoại'] },
      { row: 2, cells: ['Nguyễn Văn An', new Date(Date.UTC(1980, 4, 1)), 912345678] },
      { row: 4, cells: ['Trần Bình', null, '0912000111'] },
    ]);
  });

  it('keeps Vietnamese letters whole where the zip stream splits them (inline and shared strings)', async () => {
    const text = 'Nguyễn Thị Ngọc Ánh ' + 'ệ'.repeat(40);
    // inline strings, as the export writes them
    const chunks: Buffer[] = [];
    const out = new PassThrough().on('data', (c: Buffer) => chunks.push(c));
    const streamed = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = streamed.addWorksheet('Một');
    for (let i = 0; i < 3000; i++) ws.addRow([`${text}${i}`]).commit();
    ws.commit();
    await streamed.commit();
    // shared strings, as Excel writes them
    const shared = new ExcelJS.Workbook();
    const ws2 = shared.addWorksheet('Hai');
    for (let i = 0; i < 3000; i++) ws2.addRow([`${text}${i}`]);
    for (const file of [Buffer.concat(chunks), Buffer.from(await shared.xlsx.writeBuffer())]) {
      const sheet = await readSheet(file, 5000);
      expect(sheet.rows).toHaveLength(3000);
      expect(sheet.rows.filter((r, i) => r.cells[0] !== `${text}${i}`).map((r) => r.row)).toEqual([]);
    }
  });

  it('refuses what is neither a workbook nor UTF-8 text, by content', async () => {
    expect((await fails(Buffer.alloc(0))).code).toBe('IMPORT_EMPTY');
    expect((await fails(Buffer.from('  \r\n'))).code).toBe('IMPORT_EMPTY');
    const latin1 = await fails(Buffer.from('Ho va ten\nNguy\xe9n\n', 'latin1'));
    expect([latin1.getStatus(), latin1.code]).toEqual([415, 'IMPORT_UNSUPPORTED_FILE']);
    expect((await fails(Buffer.from('d0cf11e0a1b11ae100', 'hex'))).message).toMatch(/\.xls\b/);
    expect((await fails(Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(30)]))).getStatus()).toBe(415);
    const emptyWorkbook = new ExcelJS.Workbook();
    emptyWorkbook.addWorksheet('Trống');
    expect((await fails(Buffer.from(await emptyWorkbook.xlsx.writeBuffer()))).code).toBe('IMPORT_EMPTY');
    expect((await fails(Buffer.from('a\u0000b'))).getStatus()).toBe(415);
    expect((await fails(Buffer.from('a,b\n"unterminated\n'))).code).toBe('IMPORT_BAD_CSV');
  });

  it('stops reading a file with far more rows than allowed', async () => {
    const lines = ['Họ và tên', ...Array.from({ length: 150 }, (_, i) => `Người ${i}`)].join('\n');
    expect((await fails(Buffer.from(lines))).code).toBe('IMPORT_TOO_MANY_ROWS');
  });
});

describe('readSheet reads with bounded memory: each cap stops the read as it is crossed', () => {
  const limits = (over: Partial<ImportLimits> = {}): ImportLimits => ({ ...importLimits(new AppConfig(), 100), ...over });
  const refused = async (file: Buffer | Promise<Buffer>, over: Partial<ImportLimits> = {}) => {
    try {
      await readSheet(await file, limits(over));
    } catch (e) {
      return { status: (e as ApiError).getStatus(), code: (e as ApiError).code };
    }
    throw new Error('expected the file to be refused');
  };

  it('CSV: rows, columns, a cell, text and cells in all', async () => {
    expect(await refused(csvManyLines(1000))).toEqual({ status: 413, code: 'IMPORT_TOO_MANY_ROWS' });
    expect(await refused(csvCommas(1000), { maxColumns: 50 })).toEqual({ status: 413, code: 'IMPORT_TOO_MANY_COLUMNS' });
    expect(await refused(csvOneLine(5000), { maxCellChars: 1000 })).toEqual({ status: 413, code: 'IMPORT_CELL_TOO_LONG' });
    // a quoted cell with line breaks and doubled quotes: its characters are counted, not its bytes
    expect(await refused(Buffer.from(`a\n"${'x""\n'.repeat(400)}"\n`), { maxCellChars: 1000 })).toEqual({
      status: 413,
      code: 'IMPORT_CELL_TOO_LONG',
    });
    expect((await readSheet(Buffer.from(`a\n"${'x""\n'.repeat(200)}"\n`), limits({ maxCellChars: 1000 }))).rows[1].cells[0]).toHaveLength(
      600,
    );
    const wide = Buffer.from(Array.from({ length: 20 }, () => 'abcdefghij,'.repeat(10)).join('\n'));
    expect(await refused(wide, { maxTextChars: 2000 })).toEqual({ status: 413, code: 'IMPORT_TOO_MUCH_DATA' });
    expect(await refused(wide, { maxCells: 150 })).toEqual({ status: 413, code: 'IMPORT_TOO_MUCH_DATA' });
  });

  it('xlsx: shared strings, inline strings, rows, columns, cells and text in all', async () => {
    const relaxed = { maxCompressionRatio: 1100 };
    expect(await refused(sharedStringsBomb(5000, 200), { ...relaxed, maxTextChars: 100_000 })).toEqual({
      status: 413,
      code: 'IMPORT_TOO_MUCH_DATA',
    });
    expect(await refused(hugeCellXlsx(50_000, true), { ...relaxed, maxCellChars: 1000 })).toEqual({
      status: 413,
      code: 'IMPORT_CELL_TOO_LONG',
    });
    expect(await refused(hugeCellXlsx(50_000), { ...relaxed, maxCellChars: 1000 })).toEqual({ status: 413, code: 'IMPORT_CELL_TOO_LONG' });
    expect(await refused(inlineRowsXlsx(200), relaxed)).toEqual({ status: 413, code: 'IMPORT_TOO_MANY_ROWS' });
    expect(await refused(inlineRowsXlsx(50), { ...relaxed, maxCells: 60 })).toEqual({ status: 413, code: 'IMPORT_TOO_MUCH_DATA' });
    expect(await refused(workbook(['<worksheet><sheetData><row r="1"><c r="GS1"><v>1</v></c></row></sheetData></worksheet>']))).toEqual({
      status: 413,
      code: 'IMPORT_TOO_MANY_COLUMNS',
    });
  });

  it('xlsx: a part over its unzipped size or ratio, or inflating past what it declares, is a zip bomb', async () => {
    expect(await refused(hugeCellXlsx(2_000_000), { maxUnzippedBytes: 1_000_000, maxCompressionRatio: 1100 })).toEqual({
      status: 413,
      code: 'IMPORT_ZIP_BOMB',
    });
    expect(await refused(hugeCellXlsx(2_000_000))).toEqual({ status: 413, code: 'IMPORT_ZIP_BOMB' });
    expect(await refused(lyingSizeXlsx(200_000), { maxCompressionRatio: 1100 })).toEqual({ status: 413, code: 'IMPORT_ZIP_BOMB' });
  });

  it('xlsx: many parts, deep nesting and DTDs are refused as too complex', async () => {
    expect(await refused(manySheetsXlsx(30), { maxZipEntries: 20 })).toEqual({ status: 422, code: 'IMPORT_FILE_TOO_COMPLEX' });
    expect(await refused(deepXmlXlsx(100))).toEqual({ status: 422, code: 'IMPORT_FILE_TOO_COMPLEX' });
    expect(await refused(entityExpansionXlsx())).toEqual({ status: 422, code: 'IMPORT_FILE_TOO_COMPLEX' });
  });

  it('keeps the event loop free while it reads: a timer set meanwhile fires while a 2 MB CSV of blank lines is read', async () => {
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    try {
      // blank lines: read to the end, then found empty
      expect(await refused(Buffer.alloc(2_000_000, '\n'))).toEqual({ status: 400, code: 'IMPORT_EMPTY' });
    } finally {
      clearInterval(timer);
    }
    expect(fired).toBeGreaterThan(5);
  });
});

describe('the default caps', () => {
  it('take a register of 100,000 members in one CSV (the benchmark’s file: 9 columns, Vietnamese names)', async () => {
    const header = 'Họ và tên,Giới tính,Ngày sinh,Mã định danh,Trạng thái,Ngày vào Đảng,Ngày chính thức,Điện thoại,Mã chi bộ';
    const lines = [header];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `Nguyễn Văn Nhập ${i},Nam,01/0${1 + (i % 9)}/1970,BENCH-1796500000000-${i},Chính thức,01/05/1995,01/05/1996,09${String(10_000_000 + i).slice(-8)},HN-Q${i % 30}-P${i % 7}-CB${i % 11}`,
      );
    }
    const sheet = await readSheet(Buffer.from(lines.join('\n'), 'utf8'), importLimits(new AppConfig(), 200_000));
    expect(sheet.rows).toHaveLength(100_001);
  });
});
