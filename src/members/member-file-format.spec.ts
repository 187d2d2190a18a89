import { describe, expect, it } from '@jest/globals';
import {
  columnForHeader,
  columnOf,
  convertCell,
  foldText,
  formatDate,
  MEMBER_FILE_COLUMNS,
  normalizePhone,
  parseDateCell,
} from './member-file-format.js';

describe('member file columns', () => {
  it('recognises Vietnamese headers without regard to case, spacing or diacritics, and the API names', () => {
    expect(foldText('  Họ và TÊN ')).toBe('hovaten');
    expect(foldText('Số thẻ Đảng')).toBe('sothedang');
    const field = (h: string) => {
      const c = columnForHeader(h);
      return c && c !== 'ignored' ? c.field : c;
    };
    expect(field('Họ và tên')).toBe('fullName');
    expect(field('ho va ten')).toBe('fullName');
    expect(field('HỌ TÊN')).toBe('fullName');
    expect(field('fullName')).toBe('fullName');
    expect(field('Giới tính')).toBe('gender');
    expect(field('Ngày sinh')).toBe('birthDate');
    expect(field('SỐ THẺ ĐẢNG')).toBe('partyCardNumber');
    expect(field('Mã định danh')).toBe('externalId');
    expect(field('externalId')).toBe('externalId');
    expect(field('Trạng thái')).toBe('status');
    expect(field('Ngày vào Đảng')).toBe('admittedAt');
    expect(field('Ngày chính thức')).toBe('officialAt');
    expect(field('Miễn sinh hoạt')).toBe('exempted');
    expect(field('Ngày miễn')).toBe('exemptedAt');
    expect(field('Lý do miễn')).toBe('exemptedReason');
    expect(field('Điện thoại')).toBe('phone');
    expect(field('E-mail')).toBe('email');
    expect(field('Mã chi bộ')).toBe('committee');
    expect(field('Lý do chưa cài')).toBe('notInstalledReason');
    expect(field('Mã hệ thống')).toBe('id');
    expect(field('STT')).toBe('ignored');
    expect(field('Tên chi bộ')).toBe('ignored');
    expect(field('Quê quán')).toBeUndefined();
  });

  it('gives every column a distinct header', () => {
    const headers = MEMBER_FILE_COLUMNS.map((c) => foldText(c.header));
    expect(new Set(headers).size).toBe(headers.length);
  });
});

describe('member file values', () => {
  it('reads dates as YYYY-MM-DD, DD/MM/YYYY, workbook dates and Excel day numbers', () => {
    expect(parseDateCell('1980-05-01')).toEqual({ value: '1980-05-01' });
    expect(parseDateCell('1980-5-1')).toEqual({ value: '1980-05-01' });
    expect(parseDateCell('01/05/1980')).toEqual({ value: '1980-05-01' });
    expect(parseDateCell('1/5/1980')).toEqual({ value: '1980-05-01' });
    expect(parseDateCell('01.05.1980')).toEqual({ value: '1980-05-01' });
    expect(parseDateCell(new Date(Date.UTC(1980, 4, 1)))).toEqual({ value: '1980-05-01' });
    // float noise from a serial date still lands on the day
    expect(parseDateCell(new Date(Date.UTC(1980, 4, 1) - 3))).toEqual({ value: '1980-05-01' });
    expect(parseDateCell(29342)).toEqual({ value: '1980-05-01' });
    expect(parseDateCell('1980/05/01')).toEqual({ error: { code: 'DATE_FORMAT', message: expect.stringMatching(/DD\/MM\/YYYY/) } });
    expect(parseDateCell('mùng 1 tháng 5')).toEqual({ error: { code: 'DATE_FORMAT', message: expect.any(String) } });
    // the calendar itself is checked with the register's rules (memberStateProblems)
    expect(parseDateCell('31/02/1980')).toEqual({ value: '1980-02-31' });
  });

  it('reads gender, status and yes/no in Vietnamese or English', () => {
    expect(convertCell(columnOf('gender'), 'Nữ')).toEqual({ value: 'female' });
    expect(convertCell(columnOf('gender'), 'NAM')).toEqual({ value: 'male' });
    expect(convertCell(columnOf('gender'), 'female')).toEqual({ value: 'female' });
    expect(convertCell(columnOf('gender'), 'khác')).toEqual({
      error: { code: 'GENDER_VALUE', message: 'expected Nam or Nữ (male or female)' },
    });
    expect(convertCell(columnOf('status'), 'Chính thức')).toEqual({ value: 'official' });
    expect(convertCell(columnOf('status'), 'du bi')).toEqual({ value: 'probationary' });
    expect(convertCell(columnOf('status'), 'probationary')).toEqual({ value: 'probationary' });
    expect(convertCell(columnOf('exempted'), 'Có')).toEqual({ value: true });
    expect(convertCell(columnOf('exempted'), 'x')).toEqual({ value: true });
    expect(convertCell(columnOf('exempted'), true)).toEqual({ value: true });
    expect(convertCell(columnOf('exempted'), 'Không')).toEqual({ value: false });
    expect(convertCell(columnOf('exempted'), null)).toEqual({ value: false });
    expect(convertCell(columnOf('exempted'), 'có lẽ')).toEqual({ error: { code: 'YES_NO_VALUE', message: expect.any(String) } });
    expect(convertCell(columnOf('notInstalledReason'), 'Cao tuổi')).toEqual({ value: 'elderly' });
    expect(convertCell(columnOf('notInstalledReason'), 'no_smartphone')).toEqual({ value: 'no_smartphone' });
  });

  it('keeps text as typed, numbers with all their digits, and empty cells as null', () => {
    expect(convertCell(columnOf('fullName'), '  Nguyễn Văn An ')).toEqual({ value: 'Nguyễn Văn An' });
    expect(convertCell(columnOf('partyCardNumber'), 12345678901234)).toEqual({ value: '12345678901234' });
    expect(convertCell(columnOf('email'), '   ')).toEqual({ value: null });
    expect(convertCell(columnOf('officialAt'), null)).toEqual({ value: null });
  });

  it('gives a phone number back the leading 0 a spreadsheet dropped, and drops separators', () => {
    expect(normalizePhone(912345678)).toBe('0912345678');
    expect(normalizePhone('0912 345 678')).toBe('0912345678');
    expect(normalizePhone('0912.345.678')).toBe('0912345678');
    expect(normalizePhone('+84912345678')).toBe('+84912345678');
    expect(normalizePhone('12')).toBe('12'); // left for the DTO to refuse
  });

  it('writes DD/MM/YYYY', () => {
    expect(formatDate('1980-05-01')).toBe('01/05/1980');
    expect(formatDate(null)).toBe('');
  });
});
