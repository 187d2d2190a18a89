import type { ExportColumn } from '../common/list-export.js';
import type { Role } from '../common/roles.js';
import type { UserResponse } from './dto/user.response.js';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  committee_admin: 'Quản trị cấp ủy',
  secretary: 'Bí thư',
  editor: 'Biên tập viên',
  member: 'Đảng viên',
};
const yesNo = (b: boolean) => (b ? 'Có' : 'Không');

/** The account list's export columns (GET /api/users/export); never a password or its hash. */
export const USER_EXPORT_COLUMNS: ExportColumn<UserResponse>[] = [
  { header: 'Tên đăng nhập', cell: (u) => u.username, width: 24 },
  { header: 'Họ và tên', cell: (u) => u.fullName, width: 28 },
  { header: 'Vai trò', cell: (u) => ROLE_LABELS[u.role] },
  { header: 'Tổ chức', cell: (u) => u.committeeName, width: 28 },
  { header: 'Đang hoạt động', cell: (u) => yesNo(u.isActive) },
  { header: 'Phải đổi mật khẩu', cell: (u) => yesNo(u.mustChangePassword) },
  { header: 'Tạm khóa đến', cell: (u) => u.lockedUntil },
  { header: 'Đăng nhập gần nhất', cell: (u) => u.lastLoginAt },
  { header: 'Ngày tạo', cell: (u) => u.createdAt },
  { header: 'Mã hệ thống', cell: (u) => u.id, width: 38 },
];
