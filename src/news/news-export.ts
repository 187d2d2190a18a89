import type { ExportColumn } from '../common/list-export.js';
import type { NewsResponse } from './dto/news.response.js';
import { NEWS_CATEGORY_LABELS, type NewsStatus } from './news-item.entity.js';

const STATUS_LABELS: Record<NewsStatus, string> = { draft: 'Bản nháp', published: 'Đã đăng' };

/** The news list's export columns (GET /api/news/export); the body stays out (long HTML), the summary is in. */
export const NEWS_EXPORT_COLUMNS: ExportColumn<NewsResponse>[] = [
  { header: 'Tiêu đề', cell: (n) => n.title, width: 48 },
  { header: 'Chuyên mục', cell: (n) => NEWS_CATEGORY_LABELS[n.category] },
  { header: 'Tổ chức đăng', cell: (n) => n.committeeName, width: 28 },
  { header: 'Trạng thái', cell: (n) => STATUS_LABELS[n.status] },
  { header: 'Ngày đăng', cell: (n) => n.publishedAt },
  { header: 'Nguồn', cell: (n) => (n.sourced ? n.sourceName : null) },
  { header: 'Đường dẫn nguồn', cell: (n) => (n.sourced ? n.sourceUrl : null), width: 28 },
  { header: 'Tóm tắt', cell: (n) => n.summary, width: 48 },
  { header: 'Ngày tạo', cell: (n) => n.createdAt },
  { header: 'Mã hệ thống', cell: (n) => n.id, width: 38 },
];
