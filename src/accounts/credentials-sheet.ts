import type { IssuedCredential } from './dto/user.response.js';
import { loadExcelJS } from '../common/file-libraries.js';
import type { Font } from 'exceljs';

export const SHEET_TITLE = 'Danh sách tài khoản Sổ tay Đảng viên điện tử';
export const SHEET_HEADERS = ['STT', 'Họ và tên', 'Chi bộ', 'Tên đăng nhập', 'Mật khẩu khởi tạo'] as const;
/** The row of the column headers; the credentials start on the next one. */
export const SHEET_HEADER_ROW = 6;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WIDTHS = [6, 30, 32, 26, 22];
const thin = { style: 'thin' as const, color: { argb: 'FF7F7F7F' } };
const dashed = { style: 'dashed' as const, color: { argb: 'FF7F7F7F' } };
const MONO = { name: 'Consolas', size: 12 };

/** 26/11/2025, the date in Vietnam. */
export function vietnameseDate(d: Date): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/**
 * The credentials of a bulk issue as an .xlsx sheet to print on A4 and cut into slips, one row
 * per member: dashed lines between rows to cut along, the header repeated on every page, the
 * username and password in a monospace font so that similar letters stay apart.
 */
export async function buildCredentialsSheet(input: {
  committeeName: string;
  issuedAt: Date;
  credentials: readonly IssuedCredential[];
}): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sổ tay Đảng viên điện tử';
  wb.created = input.issuedAt;
  const ws = wb.addWorksheet('Tài khoản', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${SHEET_HEADER_ROW}:${SHEET_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: `${input.committeeName} — &P/&N` },
    views: [{ state: 'frozen', ySplit: SHEET_HEADER_ROW }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = String.fromCharCode('A'.charCodeAt(0) + SHEET_HEADERS.length - 1);

  const banner = (row: number, text: string, font: Partial<Font>, height?: number) => {
    ws.mergeCells(`A${row}:${last}${row}`);
    const cell = ws.getCell(`A${row}`);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (height) ws.getRow(row).height = height;
  };
  banner(1, SHEET_TITLE.toUpperCase(), { bold: true, size: 14 }, 24);
  banner(2, input.committeeName, { bold: true, size: 12 }, 18);
  banner(3, `Ngày cấp: ${vietnameseDate(input.issuedAt)} · ${input.credentials.length} tài khoản`, { size: 11 });
  banner(
    4,
    'Mật khẩu khởi tạo chỉ dùng cho lần đăng nhập đầu tiên; ứng dụng sẽ yêu cầu đổi mật khẩu ngay. ' +
      'Cắt theo đường kẻ và trao tận tay từng đảng viên; không lưu lại, không gửi qua mạng.',
    { italic: true, size: 10 },
    30,
  );

  const header = ws.getRow(SHEET_HEADER_ROW);
  header.values = [...SHEET_HEADERS];
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = { top: thin, bottom: thin, left: thin, right: thin };
  });

  input.credentials.forEach((c, i) => {
    const row = ws.getRow(SHEET_HEADER_ROW + 1 + i);
    row.values = [i + 1, c.fullName, c.committeeName, c.username, c.initialPassword];
    row.height = 26;
    row.eachCell((cell, col) => {
      cell.alignment = { vertical: 'middle', horizontal: col === 1 ? 'center' : 'left', wrapText: col === 2 || col === 3 };
      cell.border = { top: dashed, bottom: dashed, left: thin, right: thin };
      if (col >= 4) cell.font = MONO;
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
