import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { ApiError } from '../common/errors.js';
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
