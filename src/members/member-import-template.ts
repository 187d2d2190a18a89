import { MEMBER_FILE_COLUMNS, NOT_INSTALLED_LABELS, type MemberFileField } from './member-file-format.js';
import { loadExcelJS } from '../common/file-libraries.js';

/**
 * What each column of the member file holds, for the "Hướng dẫn" (guide) sheet of the import
 * template: the format or the accepted values, in the words a branch secretary uses. Keyed by
 * field, so a new column without a line here fails member-import-template.spec.ts.
 */
export const COLUMN_GUIDE: Record<MemberFileField, { explains: string; example: string }> = {
  fullName: { explains: 'Họ, tên đệm và tên, viết có dấu.', example: 'Nguyễn Văn An' },
  gender: { explains: 'Nam hoặc Nữ.', example: 'Nam' },
  birthDate: { explains: 'Ngày/tháng/năm (DD/MM/YYYY). Ô kiểu ngày của Excel cũng được.', example: '15/08/1962' },
  partyCardNumber: {
    explains: 'Số thẻ đảng viên; chỉ Đảng viên chính thức mới có. Dùng để nhận ra Đảng viên đã có trong danh sách.',
    example: '01234567',
  },
  externalId: { explains: 'Mã định danh trong phần mềm quản lý đảng viên (nếu có). Dùng để nhận ra Đảng viên đã có.', example: '' },
  status: { explains: 'Chính thức hoặc Dự bị.', example: 'Chính thức' },
  admittedAt: { explains: 'Ngày kết nạp vào Đảng (DD/MM/YYYY); từ đủ 18 tuổi.', example: '03/02/1985' },
  officialAt: {
    explains: 'Ngày được công nhận chính thức (DD/MM/YYYY): bắt buộc với Đảng viên chính thức, để trống với dự bị.',
    example: '03/02/1986',
  },
  exempted: { explains: 'Được miễn công tác và sinh hoạt đảng: Có hoặc Không (để trống là Không; "x" là Có).', example: 'Không' },
  exemptedAt: { explains: 'Ngày được miễn (DD/MM/YYYY): chỉ ghi khi Miễn sinh hoạt là Có.', example: '' },
  exemptedReason: { explains: 'Lý do được miễn (không bắt buộc).', example: '' },
  phone: { explains: 'Số điện thoại Việt Nam: 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84.', example: '0912345678' },
  email: { explains: 'Địa chỉ email (không bắt buộc).', example: '' },
  committee: {
    explains: 'Mã chi bộ nơi Đảng viên sinh hoạt (xem trên trang Tổ chức đảng). Mã khác mã hiện tại là chuyển sinh hoạt.',
    example: '',
  },
  notInstalledReason: {
    explains: `Lý do chưa cài ứng dụng (nếu chưa cài), một trong: ${Object.values(NOT_INSTALLED_LABELS).join('; ')}.`,
    example: '',
  },
  id: { explains: 'Mã hệ thống: chỉ có trong tệp xuất từ danh sách này; để trống khi thêm mới. Không sửa.', example: '' },
};

/** Drop-down lists of the columns with a closed set of values (the guide sheet says the same). */
const CHOICES: Partial<Record<MemberFileField, string[]>> = {
  gender: ['Nam', 'Nữ'],
  status: ['Chính thức', 'Dự bị'],
  exempted: ['Có', 'Không'],
  notInstalledReason: Object.values(NOT_INSTALLED_LABELS),
};

/** Rows of the data sheet that carry the drop-down lists. */
const LIST_ROWS = 2000;

const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/**
 * The member import template: sheet "Đảng viên" with the header row the import reads and one
 * example row (in the caller's own branch when they have one), drop-down lists for the closed
 * columns and text format for numbers that must keep their leading zeros; sheet "Hướng dẫn" with
 * each column, whether a new member needs it, and its format or values.
 */
export async function memberImportTemplate(branchCode: string | null): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ tay Đảng viên điện tử';
  const sheet = workbook.addWorksheet('Đảng viên', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MEMBER_FILE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'fullName' ? 26 : c.field === 'id' ? 38 : 16,
    // phone numbers and card numbers are text: Excel would drop their leading zeros
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const example = Object.fromEntries(
    MEMBER_FILE_COLUMNS.map((c) => [c.field, c.field === 'committee' ? (branchCode ?? 'CB-001') : COLUMN_GUIDE[c.field].example]),
  );
  sheet.addRow(example).font = { italic: true, color: { argb: 'FF555555' } };
  MEMBER_FILE_COLUMNS.forEach((c, index) => {
    const choices = CHOICES[c.field];
    if (!choices) return;
    const letter = columnLetter(index);
    for (let row = 2; row <= LIST_ROWS; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Chọn một trong: ${choices.join(', ')}`,
      };
    }
  });

  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', key: 'header', width: 20 },
    { header: 'Khi thêm mới', key: 'required', width: 16 },
    { header: 'Cách ghi', key: 'explains', width: 90 },
    { header: 'Ví dụ', key: 'example', width: 18 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of MEMBER_FILE_COLUMNS) {
    guide.addRow({
      header: c.header,
      required: c.required ? 'Bắt buộc' : 'Không bắt buộc',
      explains: COLUMN_GUIDE[c.field].explains,
      example: c.field === 'committee' ? (branchCode ?? 'CB-001') : COLUMN_GUIDE[c.field].example,
    });
  }
  guide.addRow({});
  guide.addRow({ explains: 'Dòng ví dụ ở trang "Đảng viên" (chữ nghiêng) cần xóa hoặc thay bằng Đảng viên thật trước khi nhập.' });
  guide.addRow({
    explains:
      'Mỗi dòng cập nhật Đảng viên có cùng Mã hệ thống, Số thẻ đảng hoặc Mã định danh; nếu không có sẽ thêm mới. ' +
      'Bấm "Kiểm tra tệp" trước: mọi lỗi của mọi dòng được liệt kê một lần, chưa ghi gì.',
  });
  guide.getColumn('explains').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
