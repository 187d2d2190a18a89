import { localDate } from '../common/dates.js';
import { csvFile, type CsvDelimiter } from '../common/csv.js';
import type { InstallRateFigures, InstallRatesResponse, InstallTimelineResponse } from './dto/install-rates.response.js';
import type { TopContentResponse, VisitsResponse } from './dto/visits.response.js';

export { CSV_CONTENT_TYPE } from '../common/csv.js';

export interface CsvFile {
  body: Buffer;
  filename: string;
}

type Cell = string | number | null;

/** The header row, then the rows, as the one CSV writer writes them (see common/csv.ts). */
export function toCsv(header: string[], rows: Cell[][], delimiter: CsvDelimiter = 'comma'): Buffer {
  return csvFile([header, ...rows], delimiter);
}

const FIGURE_HEADER = [
  'Số đảng viên',
  'Đã cài đặt',
  'Tỷ lệ',
  'Chính thức',
  'Chính thức đã cài',
  'Tỷ lệ chính thức',
  'Dự bị',
  'Dự bị đã cài',
  'Tỷ lệ dự bị',
  'Miễn sinh hoạt',
  'Miễn sinh hoạt đã cài',
  'Chưa cài: cao tuổi',
  'Chưa cài: không có điện thoại thông minh',
  'Chưa cài: đơn vị đặc thù chờ phê duyệt',
  'Chưa cài: miễn sinh hoạt',
  'Chưa cài: lý do khác',
  'Chưa cài: chưa ghi lý do',
];
const figureCells = (f: InstallRateFigures): Cell[] => [
  f.members,
  f.installed,
  f.rate,
  f.official.members,
  f.official.installed,
  f.official.rate,
  f.probationary.members,
  f.probationary.installed,
  f.probationary.rate,
  f.exempted.members,
  f.exempted.installed,
  f.notInstalledByReason.elderly,
  f.notInstalledByReason.no_smartphone,
  f.notInstalledByReason.special_unit_pending,
  f.notInstalledByReason.exempted,
  f.notInstalledByReason.other,
  f.notInstalledByReason.unspecified,
];

/** One row for the committee's whole subtree ("Tổng"), then one per direct sub-committee. */
export function installRatesCsv(r: InstallRatesResponse, delimiter?: CsvDelimiter): CsvFile {
  const rows: Cell[][] = [
    [r.committee.id, `${r.committee.name} (tổng)`, r.committee.phase, r.committee.targetInstallRate, ...figureCells(r.total)],
    ...r.children.map((c) => [c.committeeId, c.name, c.phase, c.targetInstallRate, ...figureCells(c)]),
  ];
  return {
    body: toCsv(['Mã hệ thống', 'Tổ chức đảng', 'Giai đoạn triển khai', 'Tỷ lệ mục tiêu', ...FIGURE_HEADER], rows, delimiter),
    filename: `ty-le-cai-dat-${r.committee.id}-${localDate().replaceAll('-', '')}.csv`,
  };
}

export function installTimelineCsv(r: InstallTimelineResponse, delimiter?: CsvDelimiter): CsvFile {
  return {
    body: toCsv(
      ['Ngày', 'Cài đặt trong ngày', 'Đã cài đặt (lũy kế)', 'Số đảng viên hiện nay', 'Tỷ lệ'],
      r.series.map((p) => [p.day, p.installs, p.installed, p.members, p.rate]),
      delimiter,
    ),
    filename: `cai-dat-theo-ngay-${r.committee.id}-${r.window.from.replaceAll('-', '')}-${r.window.to.replaceAll('-', '')}.csv`,
  };
}

export function visitsCsv(r: VisitsResponse, delimiter?: CsvDelimiter): CsvFile {
  return {
    body: toCsv(
      ['Ngày', 'Lượt truy cập', 'Đảng viên truy cập', 'Lượt xem văn bản', 'Lượt xem tin tức', 'Lượt xem khác'],
      r.series.map((d) => [d.day, d.visits, d.uniqueMembers, d.views.document, d.views.news, d.views.other]),
      delimiter,
    ),
    filename: `luot-truy-cap-${r.committee.id}-${r.window.from.replaceAll('-', '')}-${r.window.to.replaceAll('-', '')}.csv`,
  };
}

/** Each direct sub-committee's visits in the window, with its average per day and the days it is over (the report's own rule). */
export function visitsChildrenCsv(r: VisitsResponse, delimiter?: CsvDelimiter): CsvFile {
  return {
    body: toCsv(
      [
        'Mã hệ thống',
        'Tổ chức đảng',
        'Lượt truy cập',
        'Lượt đảng viên truy cập (theo ngày)',
        'Lượt xem văn bản',
        'Lượt xem tin tức',
        'Lượt xem khác',
        'Trung bình lượt truy cập/ngày',
        'Trung bình đảng viên truy cập/ngày',
        'Tính trung bình từ ngày',
        'Đến ngày',
        'Số ngày tính trung bình',
      ],
      r.children.map((c) => [
        c.committeeId,
        c.name,
        c.total.visits,
        c.total.memberDays,
        c.total.views.document,
        c.total.views.news,
        c.total.views.other,
        c.averagePerDay.visits,
        c.averagePerDay.uniqueMembers,
        c.averagePerDay.window.days ? c.averagePerDay.window.from : null,
        c.averagePerDay.window.days ? c.averagePerDay.window.to : null,
        c.averagePerDay.window.days,
      ]),
      delimiter,
    ),
    filename: `luot-truy-cap-theo-don-vi-${r.committee.id}-${r.window.from.replaceAll('-', '')}-${r.window.to.replaceAll('-', '')}.csv`,
  };
}

export function topContentCsv(r: TopContentResponse, delimiter?: CsvDelimiter): CsvFile {
  return {
    body: toCsv(
      ['Hạng', 'Loại', 'Mã nội dung', 'Tiêu đề', 'Lượt xem'],
      r.items.map((i, n) => [n + 1, i.targetType === 'document' ? 'Văn bản' : 'Tin tức', i.targetId, i.title, i.views]),
      delimiter,
    ),
    filename: `noi-dung-xem-nhieu-${r.committee.id}-${r.window.from.replaceAll('-', '')}-${r.window.to.replaceAll('-', '')}.csv`,
  };
}
