import { describe, expect, it } from '@jest/globals';
import { contentDisposition, etagMatches, parseRange, sanitizeFileName } from './file-response.js';

describe('parseRange', () => {
  const size = 100;
  it('reads one range in its three forms', () => {
    expect(parseRange('bytes=0-9', size)).toEqual({ kind: 'partial', range: { start: 0, end: 9 } });
    expect(parseRange('bytes=90-', size)).toEqual({ kind: 'partial', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-5', size)).toEqual({ kind: 'partial', range: { start: 95, end: 99 } });
    expect(parseRange('bytes=-500', size)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=95-1000', size)).toEqual({ kind: 'partial', range: { start: 95, end: 99 } });
    expect(parseRange(' Bytes = 3 - 4 ', size)).toEqual({ kind: 'partial', range: { start: 3, end: 4 } });
  });
  it('is unsatisfiable from the end on, for an empty suffix, and for any range of an empty file', () => {
    expect(parseRange('bytes=100-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=100-200', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('answers the whole body for no header, several ranges, other units and nonsense', () => {
    for (const h of [undefined, '', 'bytes=0-1,4-5', 'items=0-1', 'bytes=5-2', 'bytes=-', 'bytes=a-b', 'bytes=99999999999999999999-']) {
      expect(parseRange(h, size)).toEqual({ kind: 'full' });
    }
  });
});

describe('etagMatches', () => {
  it('compares weakly, in lists, and matches *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('sanitizeFileName', () => {
  it('keeps Vietnamese names and ends them with the detected extension', () => {
    expect(sanitizeFileName('Nghị quyết số 27.pdf', 'pdf')).toBe('Nghị quyết số 27.pdf');
    expect(sanitizeFileName('Ảnh.JPEG', 'jpg')).toBe('Ảnh.JPEG');
    expect(sanitizeFileName('anh.jpg', 'jpg')).toBe('anh.jpg');
    expect(sanitizeFileName('virus.exe', 'pdf')).toBe('virus.exe.pdf');
    expect(sanitizeFileName('bao-cao', 'docx')).toBe('bao-cao.docx');
  });
  it('drops paths, control and reserved characters, and names nothing "tai-lieu"', () => {
    expect(sanitizeFileName('C:\\Users\\an\\tai<lieu>.pdf', 'pdf')).toBe('tailieu.pdf');
    expect(sanitizeFileName('27-NQ/TW.pdf', 'pdf')).toBe('27-NQ-TW.pdf');
    expect(sanitizeFileName('a\u0000b\u202e"c".pdf', 'pdf')).toBe('abc.pdf');
    expect(sanitizeFileName('...', 'png')).toBe('tai-lieu.png');
    expect(sanitizeFileName(undefined, 'pdf')).toBe('tai-lieu.pdf');
    expect(sanitizeFileName('.pdf', 'pdf')).toBe('pdf.pdf'); // no hidden files: leading dots go
  });
  it('caps the name at 200 characters before the extension', () => {
    const name = sanitizeFileName(`${'ă'.repeat(300)}.pdf`, 'pdf');
    expect(name).toBe(`${'ă'.repeat(200)}.pdf`);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name (RFC 6266/8187)', () => {
    expect(contentDisposition('Đề cương tuyên truyền (2025).pdf')).toBe(
      `inline; filename="De cuong tuyen truyen (2025).pdf"; filename*=UTF-8''%C4%90%E1%BB%81%20c%C6%B0%C6%A1ng%20tuy%C3%AAn%20truy%E1%BB%81n%20%282025%29.pdf`,
    );
    expect(contentDisposition('a.pdf', 'attachment')).toBe(`attachment; filename="a.pdf"; filename*=UTF-8''a.pdf`);
    expect(contentDisposition('文件.pdf')).toMatch(/^inline; filename="__\.pdf"; /);
  });
});
