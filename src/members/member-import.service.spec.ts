import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors.js';
import type { SheetRow } from './member-file-reader.js';
import { IMPORT_MAX_ROWS, parseRows } from './member-import.service.js';
import { ImportErrors, IMPORT_MAX_LISTED_PROBLEMS } from './members.errors.js';

const rejected = (rows: SheetRow[]) => {
  try {
    parseRows(rows, 'csv');
  } catch (e) {
    return e as { problems?: unknown; code?: string };
  }
  throw new Error('expected the file to be rejected');
};

describe('parseRows', () => {
  it('finds the header under a title, maps it, skips known extra columns and converts the cells', () => {
    const file = parseRows(
      [
        { row: 1, cells: ['DANH SÁCH ĐẢNG VIÊN', null] },
        { row: 3, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', null] },
        { row: 4, cells: ['1', 'Nguyễn Văn An', '01/05/1980', 'Nam', 'ghi chú không tiêu đề'] },
        { row: 5, cells: ['2', 'Trần Thị Bình', '1980-13-01', 'Nữ'] },
      ],
      'csv',
    );
    expect(file.headerRow).toBe(3);
    expect(file.columns.map((c) => [c.index, c.column.field, c.header])).toEqual([
      [1, 'fullName', 'Họ và tên'],
      [2, 'birthDate', 'Ngày sinh'],
      [3, 'gender', 'Giới tính'],
    ]);
    expect(file.rows[0]).toEqual({
      row: 4,
      values: { fullName: 'Nguyễn Văn An', birthDate: '1980-05-01', gender: 'male' },
      problems: new Map(),
    });
    // a month 13 is read as written, and refused later by the register's calendar rules
    expect(file.rows[1].values.birthDate).toBe('1980-13-01');
  });

  it('rejects unknown and repeated columns on the header row', () => {
    const e = rejected([
      { row: 1, cells: ['Họ và tên', 'Quê quán', 'ho ten', 'Ngày sinh'] },
      { row: 2, cells: ['An', 'Thái Nguyên', 'An', '01/01/1980'] },
    ]);
    expect(e.problems).toEqual([
      { row: 1, column: 'Quê quán', code: 'UNKNOWN_COLUMN', message: expect.stringMatching(/^unknown column/), params: expect.any(Object) },
      { row: 1, column: 'ho ten', code: 'DUPLICATE_COLUMN', message: 'the same column as "Họ và tên"', params: { column: 'Họ và tên' } },
    ]);
  });

  it('rejects a file without a recognisable header, or without data rows', () => {
    expect(rejected([{ row: 1, cells: ['a', 'b'] }]).problems).toEqual([
      { row: 1, column: '', code: 'NO_HEADER_ROW', message: expect.stringMatching(/^no header row/), params: expect.any(Object) },
    ]);
    expect(rejected([{ row: 1, cells: ['Họ và tên', 'Ngày sinh'] }]).code).toBe('IMPORT_EMPTY');
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} data rows`, () => {
    const rows: SheetRow[] = [{ row: 1, cells: ['Họ và tên', 'Ngày sinh'] }];
    for (let i = 0; i <= IMPORT_MAX_ROWS; i++) rows.push({ row: i + 2, cells: ['An', null] });
    expect(rejected(rows).code).toBe('IMPORT_TOO_MANY_ROWS');
    rows.pop();
    expect(parseRows(rows, 'csv').rows).toHaveLength(IMPORT_MAX_ROWS);
  });
});

describe('ImportErrors.invalid', () => {
  it('answers 422 IMPORT_INVALID with the rows, at most a readable number of them', () => {
    const problems = Array.from({ length: IMPORT_MAX_LISTED_PROBLEMS + 5 }, (_, i) => ({
      row: i + 2,
      column: 'Ngày sinh',
      code: 'DATE_FORMAT',
      message: 'x',
    }));
    const e = ImportErrors.invalid(problems);
    expect(e).toBeInstanceOf(ApiError);
    expect([e.getStatus(), e.code]).toEqual([422, 'IMPORT_INVALID']);
    expect(e.rows).toHaveLength(IMPORT_MAX_LISTED_PROBLEMS);
    expect(e.message).toBe(
      `${problems.length} problem(s) in ${problems.length} row(s) (the first ${IMPORT_MAX_LISTED_PROBLEMS} are listed); nothing was imported`,
    );
  });
});
