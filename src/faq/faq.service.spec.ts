import { describe, expect, it } from '@jest/globals';
import { cleanKeywords, sanitizeAnswer } from './faq.service.js';

describe('sanitizeAnswer', () => {
  it('keeps plain text and light HTML', () => {
    expect(sanitizeAnswer('  Đóng 1% tiền lương.  ')).toBe('Đóng 1% tiền lương.');
    const html = '<p>Đảng viên <strong>hưu trí</strong> đóng 0,5%:</p><ul><li>nộp cho chi bộ</li></ul>';
    expect(sanitizeAnswer(html)).toBe(html);
  });

  it('removes scripts, styles, event handlers and unsafe links; opens links in a new tab', () => {
    expect(sanitizeAnswer('<p onclick="x()">A</p><script>alert(1)</script><style>p{}</style><img src="x.png">')).toBe('<p>A</p>');
    expect(sanitizeAnswer('<a href="javascript:alert(1)">xem</a>')).toBe('<a rel="noopener noreferrer" target="_blank">xem</a>');
    expect(sanitizeAnswer('<a href="https://dichvucong.gov.vn">Cổng</a>')).toBe(
      '<a href="https://dichvucong.gov.vn" rel="noopener noreferrer" target="_blank">Cổng</a>',
    );
  });

  it('escapes the characters of plain text that HTML would read', () => {
    expect(sanitizeAnswer('lương < 5 triệu & phụ cấp')).toBe('lương &lt; 5 triệu &amp; phụ cấp');
  });
});

describe('cleanKeywords', () => {
  it('trims, collapses spaces, and drops blanks and repeats (ignoring case and diacritics)', () => {
    expect(cleanKeywords(['  đảng phí  1% ', 'Dang phi 1%', '', '   ', 'mức đảng phí', 'MỨC ĐẢNG PHÍ'])).toEqual([
      'đảng phí 1%',
      'mức đảng phí',
    ]);
  });
});
