import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { buildCredentialsSheet, SHEET_HEADER_ROW, SHEET_HEADERS, SHEET_TITLE, vietnameseDate } from './credentials-sheet.js';

describe('the credentials sheet', () => {
  it('lays out the title, committee, date and one row per member under Vietnamese headers, ready to print', async () => {
    const issuedAt = new Date('2025-11-25T20:30:00Z'); // already the 26th in Vietnam
    const credentials = [
      {
        memberId: 'a',
        fullName: 'Nguyễn Văn An',
        committeeName: 'Chi bộ xóm Đồng Kè',
        username: 'nguyenvanan.4821',
        initialPassword: 'Kx7p-Qm3d-Wa9r',
      },
      {
        memberId: 'b',
        fullName: 'Đặng Thị Ánh',
        committeeName: 'Chi bộ xóm Bản Lác',
        username: 'dangthianh.1234',
        initialPassword: 'Hh2j-Pp3k-Zz4m',
      },
    ];
    const buffer = await buildCredentialsSheet({ committeeName: 'Huyện ủy Đại Từ', issuedAt, credentials });
    expect(buffer.subarray(0, 2).toString()).toBe('PK'); // a zip container

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe(SHEET_TITLE.toUpperCase());
    expect(ws.getCell('A2').value).toBe('Huyện ủy Đại Từ');
    expect(vietnameseDate(issuedAt)).toBe('26/11/2025');
    expect(String(ws.getCell('A3').value)).toContain('26/11/2025');
    expect(ws.getRow(SHEET_HEADER_ROW).values).toEqual([undefined, ...SHEET_HEADERS]);
    expect(ws.getRow(SHEET_HEADER_ROW + 1).values).toEqual([
      undefined,
      1,
      'Nguyễn Văn An',
      'Chi bộ xóm Đồng Kè',
      'nguyenvanan.4821',
      'Kx7p-Qm3d-Wa9r',
    ]);
    expect(ws.getRow(SHEET_HEADER_ROW + 2).values).toEqual([
      undefined,
      2,
      'Đặng Thị Ánh',
      'Chi bộ xóm Bản Lác',
      'dangthianh.1234',
      'Hh2j-Pp3k-Zz4m',
    ]);
    expect(ws.rowCount).toBe(SHEET_HEADER_ROW + 2);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe(`${SHEET_HEADER_ROW}:${SHEET_HEADER_ROW}`);
  });
});
