import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { csvFile, escapeCsvCell, unescapeCsvCell } from './csv.js';

describe('the CSV writer', () => {
  it('guards cells against formulas, reversibly', () => {
    for (const s of ['=HYPERLINK("x")', '+84912345678', '-1', '@SUM(A1)', '\t=1', '\rx']) {
      expect(escapeCsvCell(s)).toBe(`'${s}`);
      expect(unescapeCsvCell(escapeCsvCell(s))).toBe(s);
    }
    expect(escapeCsvCell('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(unescapeCsvCell("'bình thường")).toBe("'bình thường");
  });

  it('guards every line start inside a cell, reversibly', () => {
    const cases: [string, string][] = [
      ["ok\n=cmd|' /C calc'!A0", "ok\n'=cmd|' /C calc'!A0"],
      ['ok\r+1', "ok\r'+1"],
      ['ok\r\n@SUM(1)', "ok\r\n'@SUM(1)"],
      ['\n-1', "\n'-1"],
      ['\r=1', "'\r'=1"],
      ['\r\r=1', "'\r'\r'=1"],
      ['a\n\tb\nc', "a\n'\tb\nc"],
    ];
    for (const [raw, escaped] of cases) {
      expect(escapeCsvCell(raw)).toBe(escaped);
      expect(unescapeCsvCell(escaped)).toBe(raw);
    }
  });

  it('quotes every cell holding CR or LF, so a spreadsheet keeps it in one cell and one row', () => {
    const rows = [
      ['a', 'ok\n=cmd'],
      ['b\rc', 'd'],
      ['x,y', 'q"'],
    ];
    const text = csvFile(rows).toString('utf8');
    expect(text).toBe('\ufeffa,"ok\n\'=cmd"\r\n"b\rc",d\r\n"x,y","q"""\r\n');
    expect(parse(text, { bom: true })).toEqual([
      ['a', "ok\n'=cmd"],
      ['b\rc', 'd'],
      ['x,y', 'q"'],
    ]);
  });

  it('separates cells with a semicolon when asked (Excel in Vietnamese), quoting cells that hold one', () => {
    const text = csvFile(
      [
        ['Tiêu đề', 'Số'],
        ['Nghị quyết; kết luận', '12,5'],
      ],
      'semicolon',
    ).toString('utf8');
    expect(text).toBe('\ufeffTiêu đề;Số\r\n"Nghị quyết; kết luận";12,5\r\n');
    expect(parse(text, { bom: true, delimiter: ';' })).toEqual([
      ['Tiêu đề', 'Số'],
      ['Nghị quyết; kết luận', '12,5'],
    ]);
  });
});
