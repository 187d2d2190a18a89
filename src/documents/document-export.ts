import type { ExportColumn } from '../common/list-export.js';
import type { ContentStatus, DocumentType } from './document.entity.js';
import type { DocumentResponse } from './dto/document.response.js';

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  resolution: 'Nghị quyết',
  directive: 'Chỉ thị',
  conclusion: 'Kết luận',
  regulation: 'Quy định',
  guidance: 'Hướng dẫn',
  announcement: 'Thông báo',
  decision: 'Quyết định',
  plan: 'Kế hoạch',
  study_material: 'Tài liệu sinh hoạt',
  other: 'Khác',
};
export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = { draft: 'Bản nháp', published: 'Đã đăng' };

/** dd/mm/yyyy of a calendar date `YYYY-MM-DD`. */
export const dayMonthYear = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

/** The document list's export columns (GET /api/documents/export). */
export const DOCUMENT_EXPORT_COLUMNS: ExportColumn<DocumentResponse>[] = [
  { header: 'Số hiệu', cell: (d) => d.number },
  { header: 'Tiêu đề', cell: (d) => d.title, width: 48 },
  { header: 'Loại văn bản', cell: (d) => DOCUMENT_TYPE_LABELS[d.type] },
  { header: 'Cơ quan ban hành', cell: (d) => d.issuingBody, width: 28 },
  { header: 'Ngày ban hành', cell: (d) => dayMonthYear(d.issuedOn) },
  { header: 'Tổ chức đăng', cell: (d) => d.committeeName, width: 28 },
  { header: 'Trạng thái', cell: (d) => CONTENT_STATUS_LABELS[d.status] },
  { header: 'Ngày đăng', cell: (d) => d.publishedAt },
  { header: 'Nhãn', cell: (d) => d.tags.join(', ') },
  { header: 'Tệp đính kèm', cell: (d) => d.file?.name ?? null, width: 28 },
  { header: 'Tóm tắt', cell: (d) => d.summary, width: 48 },
  { header: 'Mã hệ thống', cell: (d) => d.id, width: 38 },
];
