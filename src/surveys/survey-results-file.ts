import { localDate } from '../common/dates.js';
import { CSV_CONTENT_TYPE, csvFile, type CsvCell, type CsvDelimiter } from '../common/csv.js';
import type { ResultsExportFormat } from './dto/survey.dto.js';
import type { SurveyResults } from './dto/survey-results.response.js';
import type { QuestionType } from './survey-question.entity.js';
import type { SurveyEffectiveStatus, SurveyKind } from './survey.entity.js';
import { loadExcelJS } from '../common/file-libraries.js';

export const RESULTS_CONTENT_TYPES: Record<ResultsExportFormat, string> = {
  csv: CSV_CONTENT_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ResultsFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Một lựa chọn',
  multiple: 'Nhiều lựa chọn',
  short_text: 'Trả lời ngắn',
  long_text: 'Trả lời dài',
  rating: 'Thang đánh giá 1–5',
  section: 'Tiêu đề phần',
};
const STATUS_LABELS: Record<SurveyEffectiveStatus, string> = { draft: 'Bản nháp', scheduled: 'Chờ mở', open: 'Đang mở', closed: 'Đã đóng' };
const KIND_LABELS: Record<SurveyKind, string> = { survey: 'Khảo sát', quiz: 'Bài kiểm tra' };
const yesNo = (v: boolean | null) => (v === null ? null : v ? 'Có' : 'Không');

type Cell = string | number | null;
/** A table of a report: an optional title line, a header row, the rows. */
interface Table {
  title?: string;
  header: string[];
  rows: Cell[][];
}
/** One sheet of the workbook (one part of the CSV). */
interface Part {
  name: string;
  tables: Table[];
  /** Column widths in the workbook, in characters. */
  widths: number[];
}

/** The results laid out as the three parts of the report: summary, per question, text answers. */
export function resultsParts(r: SurveyResults): Part[] {
  // an anonymous survey's suppressed figures say so (surveys.rules.ts)
  const label = `Ẩn (dưới ${r.anonymityThreshold ?? 0} người trả lời)`;
  const or = (v: Cell, suppressed: boolean): Cell => (suppressed ? label : v);
  const summary: Table[] = [
    {
      header: ['Mục', 'Giá trị'],
      rows: [
        ['Tiêu đề', r.title],
        ['Loại', KIND_LABELS[r.kind]],
        ['Trạng thái', STATUS_LABELS[r.status]],
        ['Đơn vị phát hành', r.committeeName],
        ['Ẩn danh', yesNo(r.anonymous)],
        ['Thời điểm tổng hợp', r.computedAt.toISOString()],
        ['Số đảng viên được mời (hiện tại)', r.invited],
        ['Số người trả lời', or(r.respondents, r.suppressed)],
        ['Tỷ lệ trả lời (%)', or(r.responseRate, r.suppressed)],
      ],
    },
    {
      title: 'Tham gia theo đơn vị trực thuộc',
      header: ['Đơn vị', 'Được mời', 'Đã trả lời', 'Tỷ lệ (%)'],
      rows: r.participation.map((p) => [
        p.own ? `${p.committeeName} (đảng viên trực tiếp)` : p.committeeName,
        p.invited,
        or(p.respondents, p.suppressed),
        or(p.rate, p.suppressed),
      ]),
    },
    {
      title: 'Số người trả lời theo ngày',
      header: ['Ngày', 'Số người trả lời'],
      rows: r.suppressed ? [[label, null]] : r.responsesByDay.map((d) => [d.date, or(d.count, d.suppressed)]),
    },
  ];
  if (r.quiz) {
    summary.push(
      {
        title: 'Kết quả kiểm tra',
        header: ['Mục', 'Giá trị'],
        rows: [
          ['Điểm tối đa', r.quiz.maxScore],
          ['Điểm đạt', r.quiz.passMark],
          ['Điểm trung bình', or(r.quiz.averageScore, r.suppressed)],
          ['Số người đạt', or(r.quiz.passed, r.suppressed)],
          ['Tỷ lệ đạt (%)', or(r.quiz.passRate, r.suppressed)],
        ],
      },
      {
        title: 'Phân bố điểm',
        header: ['Điểm', 'Số người', 'Tỷ lệ (%)'],
        rows: r.quiz.scoreDistribution.map((s) => [s.score, or(s.count, r.suppressed), or(s.percent, r.suppressed)]),
      },
    );
  }

  const perQuestion: Cell[][] = [];
  r.questions.forEach((q, i) => {
    const off = q.suppressed;
    const head: Cell[] = [
      i + 1,
      q.text,
      TYPE_LABELS[q.type],
      q.type === 'section' ? null : or(q.answered, off),
      q.type === 'section' ? null : or(q.skipped, off),
    ];
    if (q.options) {
      for (const o of q.options) perQuestion.push([...head, o.text, yesNo(o.correct), or(o.count, off), or(o.percent, off)]);
      if (r.kind === 'quiz') perQuestion.push([...head, 'Trả lời đúng', null, or(q.correctCount, off), or(q.correctPercent, off)]);
    } else if (q.rating) {
      for (const b of q.rating.distribution) perQuestion.push([...head, String(b.value), null, or(b.count, off), or(b.percent, off)]);
      perQuestion.push([...head, 'Điểm trung bình', null, or(q.rating.average, off), null]);
    } else if (q.textAnswers !== null) {
      perQuestion.push([...head, 'Số câu trả lời', null, or(q.textAnswerCount, off), null]);
    } else {
      perQuestion.push([...head, null, null, null, null]);
    }
  });

  const identity = !r.anonymous;
  const textRows: Cell[][] = [];
  r.questions.forEach((q, i) => {
    for (const a of q.textAnswers ?? [])
      textRows.push(identity ? [i + 1, q.text, a.text, a.memberName, a.committeeName] : [i + 1, q.text, a.text]);
  });

  return [
    { name: 'Tổng hợp', tables: summary, widths: [44, 40, 14, 12] },
    {
      name: 'Theo câu hỏi',
      tables: [
        {
          header: ['STT', 'Câu hỏi', 'Loại', 'Số người trả lời', 'Bỏ qua', 'Phương án / giá trị', 'Đáp án đúng', 'Số lượt', 'Tỷ lệ (%)'],
          rows: perQuestion,
        },
      ],
      widths: [6, 50, 18, 16, 10, 40, 12, 10, 10],
    },
    {
      name: 'Câu trả lời tự luận',
      tables: [
        { header: identity ? ['STT', 'Câu hỏi', 'Câu trả lời', 'Đảng viên', 'Chi bộ'] : ['STT', 'Câu hỏi', 'Câu trả lời'], rows: textRows },
      ],
      widths: [6, 50, 70, 28, 32],
    },
  ];
}

/**
 * The report as a file. xlsx: one sheet per part. CSV (UTF-8 with a BOM, so Excel reads
 * Vietnamese): the parts one after another, each under a line with its name, blank lines between.
 * Texts that a spreadsheet would run as a formula are written with a leading apostrophe in the CSV.
 */
export async function writeResultsFile(
  results: SurveyResults,
  format: ResultsExportFormat,
  delimiter: CsvDelimiter = 'comma',
): Promise<ResultsFile> {
  const parts = resultsParts(results);
  const filename = `ket-qua-${results.kind === 'quiz' ? 'kiem-tra' : 'khao-sat'}-${localDate().replaceAll('-', '')}.${format}`;
  const body = format === 'csv' ? csv(parts, delimiter) : await xlsx(parts);
  return { body, contentType: RESULTS_CONTENT_TYPES[format], filename };
}

function csv(parts: Part[], delimiter: CsvDelimiter): Buffer {
  const lines: CsvCell[][] = [];
  parts.forEach((part, p) => {
    if (p > 0) lines.push([]);
    lines.push([`# ${part.name}`]);
    part.tables.forEach((t, i) => {
      if (i > 0) lines.push([]);
      if (t.title) lines.push([t.title]);
      lines.push(t.header);
      for (const row of t.rows) lines.push(row);
    });
  });
  return csvFile(lines, delimiter);
}

async function xlsx(parts: Part[]): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  for (const part of parts) {
    const sheet = workbook.addWorksheet(part.name);
    part.tables.forEach((t, i) => {
      if (i > 0) sheet.addRow([]);
      if (t.title) sheet.addRow([t.title]).font = { bold: true, size: 12 };
      sheet.addRow(t.header).font = { bold: true };
      for (const row of t.rows) sheet.addRow(row);
    });
    part.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
