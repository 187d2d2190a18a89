import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, quotes what needs it, and defuses formulas in text cells', () => {
    const csv = toCsv(
      ['Tổ chức đảng', 'Tỷ lệ'],
      [
        ['Chi bộ "Đồng Kè", xóm 1', 0.5],
        ['=HYPERLINK("http://x")', -1],
        [null, 0],
      ],
    ).toString('utf8');
    expect(csv).toBe('\ufeffTổ chức đảng,Tỷ lệ\r\n"Chi bộ ""Đồng Kè"", xóm 1",0.5\r\n"\'=HYPERLINK(""http://x"")",-1\r\n,0\r\n');
  });
});
