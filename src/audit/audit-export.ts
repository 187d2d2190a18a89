import type { ExportColumn } from '../common/list-export.js';
import type { AuditEntryResponse } from './dto/audit-entry.response.js';

/** The audit log's export columns (GET /api/audit-log/export): the entry as recorded, details as JSON. */
export const AUDIT_EXPORT_COLUMNS: ExportColumn<AuditEntryResponse>[] = [
  { header: 'Thời gian', cell: (a) => a.occurredAt },
  { header: 'Người thực hiện', cell: (a) => a.actorUsername, width: 24 },
  { header: 'Vai trò', cell: (a) => a.actorRole },
  { header: 'Hành động', cell: (a) => a.action, width: 24 },
  { header: 'Loại đối tượng', cell: (a) => a.entityType },
  { header: 'Mã đối tượng', cell: (a) => a.entityId, width: 38 },
  { header: 'Mã tổ chức', cell: (a) => a.committeeId },
  { header: 'Chi tiết', cell: (a) => JSON.stringify(a.details), width: 60 },
  { header: 'Địa chỉ IP', cell: (a) => a.clientAddress },
  { header: 'Mã yêu cầu', cell: (a) => a.requestId, width: 38 },
];
