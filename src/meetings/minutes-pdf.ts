import { join } from 'node:path';
import type { PdfContent as Content, PdfDocumentDefinition } from 'pdfmake';
import { lazyModule } from '../common/file-libraries.js';
import { APP_TIME_ZONE } from '../common/dates.js';
import { REPO_ROOT } from '../common/repo-root.js';
import type { MinutesResponse } from './dto/minutes.response.js';
import type { ActivityHold } from '../members/member.entity.js';
import type { AttendanceState, MeetingKind } from './meetings.rules.js';

/** Why an absentee was not counted, as the minutes say it. */
const HOLD_LABELS: Record<ActivityHold, string> = {
  temporary_transfer: 'sinh hoạt tạm thời nơi khác',
  suspended: 'đình chỉ sinh hoạt',
};

/**
 * The minutes (biên bản) as a PDF in Vietnamese, laid out as a branch's minutes are: the Party
 * header, the title, time and place, attendance, agenda, discussion, conclusions, votes, tasks,
 * addenda and the signatures. Until locked it is marked DỰ THẢO (draft).
 *
 * The font is DejaVu Serif, shipped in assets/fonts (its licence beside it): it has every Vietnamese
 * glyph, and it is embedded (subset) in the file, so the PDF reads the same on any machine and the
 * server needs no system font.
 */
export const MINUTES_FONT_DIR = join(REPO_ROOT, 'assets', 'fonts');
export const MINUTES_FONT = 'DejaVuSerif';

/** pdfmake, loaded on the first PDF (common/file-libraries.ts) and set up once. */
const loadPdfmake = lazyModule(async () => {
  const pdf = ((await import('pdfmake')) as { default: typeof import('pdfmake').default }).default;
  pdf.setFonts({
    [MINUTES_FONT]: {
      normal: join(MINUTES_FONT_DIR, 'DejaVuSerif.ttf'),
      bold: join(MINUTES_FONT_DIR, 'DejaVuSerif-Bold.ttf'),
      italics: join(MINUTES_FONT_DIR, 'DejaVuSerif-Italic.ttf'),
      bolditalics: join(MINUTES_FONT_DIR, 'DejaVuSerif-Bold.ttf'),
    },
  });
  // the document is built from the database's text only: no image or font is ever fetched from a URL
  // or read from anywhere but the font folder
  pdf.setUrlAccessPolicy(() => false);
  pdf.setLocalAccessPolicy((path) => path.startsWith(MINUTES_FONT_DIR));
  return pdf;
});

const KIND_LABEL: Record<MeetingKind, string> = {
  regular: 'thường kỳ',
  thematic: 'chuyên đề',
  extraordinary: 'bất thường',
};

const parts = (at: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: APP_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;

/** `19 giờ 30 phút, ngày 05/12/2026` in Vietnam time. */
export function vietnameseDateTime(at: Date): string {
  const p = parts(at);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

/** `ngày 05 tháng 12 năm 2026` in Vietnam time. */
function vietnameseLongDate(at: Date): string {
  const p = parts(at);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const orDots = (s: string | null | undefined) => (s && s.trim() ? s : '……………………………………');
const heading = (text: string): Content => ({ text, style: 'section' });
const paragraphs = (text: string | null): Content =>
  text && text.trim() ? { text, margin: [0, 0, 0, 4] } : { text: '(chưa ghi)', italics: true, margin: [0, 0, 0, 4] };

/** The document definition (exported for the unit test of the layout). */
export function minutesDocument(m: MinutesResponse): PdfDocumentDefinition {
  const draft = m.status !== 'minutes_locked';
  const a = m.attendance;
  const month = `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`;
  const namesOf = (state: AttendanceState) =>
    a.absentees
      .filter((x) => x.state === state)
      .map((x) => (x.hold ? `${x.fullName} – ${HOLD_LABELS[x.hold]}` : x.fullName))
      .join(', ');
  const absenceLine = (label: string, n: number, state: AttendanceState): Content => ({
    text: `${label}: ${n}${n ? ` (${namesOf(state)})` : ''}`,
    margin: [10, 0, 0, 0],
  });
  const dated = m.heldAt ?? m.startsAt;

  const content: Content[] = [
    {
      columns: [
        {
          width: '45%',
          stack: [
            ...(m.parentCommitteeName ? [{ text: upper(m.parentCommitteeName) }] : []),
            { text: upper(m.committeeName), bold: true },
            { text: '*' },
          ],
          alignment: 'center',
        },
        {
          width: '55%',
          stack: [
            { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, decoration: 'underline' },
            { text: dated ? vietnameseLongDate(dated) : '', italics: true, margin: [0, 6, 0, 0] },
          ],
          alignment: 'center',
        },
      ],
      margin: [0, 0, 0, 16],
    },
    ...(draft ? [{ text: 'DỰ THẢO', style: 'draft' } as Content] : []),
    { text: 'BIÊN BẢN SINH HOẠT CHI BỘ', style: 'title' },
    { text: `Sinh hoạt ${KIND_LABEL[m.kind]} tháng ${month}`, alignment: 'center', bold: true },
    { text: m.title, alignment: 'center', italics: true, margin: [0, 2, 0, 12] },

    heading('I. THỜI GIAN, ĐỊA ĐIỂM'),
    { text: `Thời gian: bắt đầu lúc ${m.startsAt ? vietnameseDateTime(m.startsAt) : orDots(null)}` },
    { text: `Địa điểm: ${orDots(m.place)}` },
    ...(m.onlineUrl ? [{ text: `Họp trực tuyến: ${m.onlineUrl}` } as Content] : []),

    heading('II. THÀNH PHẦN'),
    { text: `Tổng số đảng viên được triệu tập: ${a.total} (chính thức: ${a.official}, dự bị: ${a.probationary})` },
    { text: `Có mặt: ${a.present}`, margin: [10, 0, 0, 0] },
    ...(a.late ? [{ text: `Trong đó đến muộn: ${a.late}`, margin: [20, 0, 0, 0] } as Content] : []),
    absenceLine('Vắng có lý do', a.excused, 'excused'),
    absenceLine('Vắng không lý do', a.unexcused, 'unexcused'),
    absenceLine('Miễn sinh hoạt', a.exempt, 'exempt'),
    ...(a.unmarked ? [absenceLine('Chưa điểm danh', a.unmarked, 'invited')] : []),
    { text: `Chủ trì: ${orDots(null)}`, margin: [0, 4, 0, 0] },
    { text: `Thư ký: ${orDots(m.lockedByName)}` },

    heading('III. NỘI DUNG SINH HOẠT'),
    m.agenda.length
      ? {
          ol: m.agenda.map((i) => ({
            text: [i.title, ...(i.presenter ? [{ text: ` (trình bày: ${i.presenter})`, italics: true }] : [])],
          })),
        }
      : { text: '(không có)', italics: true },

    heading('IV. THẢO LUẬN'),
    paragraphs(m.summary),

    heading('V. KẾT LUẬN'),
    paragraphs(m.conclusions),

    heading('VI. KẾT QUẢ BIỂU QUYẾT'),
    m.votes.length
      ? {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
            body: [
              ['Nội dung', 'Hình thức', 'Đồng ý', 'Không đồng ý', 'Ý kiến khác', 'Số ĐV chính thức được tính', 'Kết quả'].map((h) => ({
                text: h,
                bold: true,
              })),
              ...m.votes.map((v) => [
                v.title,
                v.secret ? 'Bỏ phiếu kín' : 'Biểu quyết công khai',
                String(v.agreeCount),
                String(v.disagreeCount),
                String(v.otherCount),
                v.denominator === null ? '' : String(v.denominator),
                v.passed === null ? '' : v.passed ? 'Thông qua' : 'Không thông qua',
              ]),
            ],
          },
          fontSize: 10,
        }
      : { text: '(không có biểu quyết)', italics: true },

    heading('VII. NHIỆM VỤ ĐƯỢC GIAO'),
    m.tasks.length
      ? {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto'],
            body: [
              ['Nhiệm vụ', 'Người thực hiện', 'Thời hạn'].map((h) => ({ text: h, bold: true })),
              ...m.tasks.map((t) => [
                t.title,
                t.assigneeName ?? 'Chi ủy',
                t.dueOn ? `${t.dueOn.slice(8, 10)}/${t.dueOn.slice(5, 7)}/${t.dueOn.slice(0, 4)}` : '',
              ]),
            ],
          },
          fontSize: 10,
        }
      : { text: '(không có)', italics: true },
  ];

  if (m.addenda.length) {
    content.push(heading('PHỤ LỤC ĐÍNH CHÍNH'));
    for (const x of m.addenda) content.push({ text: [{ text: `${vietnameseDateTime(new Date(x.createdAt))}: `, bold: true }, x.body] });
  }
  content.push({
    text: m.lockedAt ? `Biên bản được khóa lúc ${vietnameseDateTime(new Date(m.lockedAt))}.` : 'Biên bản đang là dự thảo, chưa được khóa.',
    italics: true,
    margin: [0, 12, 0, 0],
  });
  content.push({
    columns: [
      {
        stack: [
          { text: 'THƯ KÝ', bold: true },
          { text: '(Ký, ghi rõ họ tên)', italics: true },
          { text: m.lockedByName ?? '', margin: [0, 50, 0, 0] },
        ],
        alignment: 'center',
      },
      {
        stack: [
          { text: 'CHỦ TRÌ', bold: true },
          { text: '(Ký, ghi rõ họ tên)', italics: true },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 20, 0, 0],
    unbreakable: true,
  });

  return {
    info: { title: `Biên bản: ${m.title}`, subject: m.committeeName, creator: 'Sổ tay Đảng viên điện tử' },
    pageSize: 'A4',
    pageMargins: [60, 50, 45, 50],
    ...(draft ? { watermark: { text: 'DỰ THẢO', opacity: 0.08, bold: true } } : {}),
    defaultStyle: { font: MINUTES_FONT, fontSize: 12, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center' },
      draft: { fontSize: 13, bold: true, alignment: 'center', color: '#b00000', margin: [0, 0, 0, 6] },
      section: { bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (page: number, pages: number) => ({ text: `${page}/${pages}`, alignment: 'center', fontSize: 9 }),
    content,
  };
}

/** The PDF's bytes. */
export async function renderMinutesPdf(m: MinutesResponse): Promise<Buffer> {
  return (await loadPdfmake()).createPdf(minutesDocument(m)).getBuffer();
}
