import type { Role } from '../common/roles.js';

/** The demo accounts (one per role), printed on start and listed in the README. */
export const DEMO_PASSWORD = 'SoTay@2025-demo';

export interface DemoAccount {
  username: string;
  role: Role;
  fullName: string;
  /** Home committee by code; null for the whole-tree admin. For `member`, the member record is the first of that branch. */
  committeeCode: string | null;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', role: 'admin', fullName: 'Quản trị hệ thống', committeeCode: null, description: 'the whole tree' },
  {
    username: 'tinhuy',
    role: 'committee_admin',
    fullName: 'Ban Tổ chức Tỉnh ủy',
    committeeCode: 'TN',
    description: 'Tỉnh ủy Thái Nguyên and below',
  },
  {
    username: 'khoicoquan',
    role: 'committee_admin',
    fullName: 'Ban Tổ chức Đảng ủy Khối các cơ quan tỉnh',
    committeeCode: 'TN-KCQ',
    description: 'Đảng bộ Khối các cơ quan tỉnh and below',
  },
  {
    username: 'bientap',
    role: 'editor',
    fullName: 'Tổ biên tập Sổ tay Đảng viên',
    committeeCode: 'TN',
    description: 'content for the whole province',
  },
  {
    username: 'bithu',
    role: 'secretary',
    fullName: 'Bí thư chi bộ',
    committeeCode: 'FIRST_BRANCH',
    description: 'one branch (chi bộ) of the Khối các cơ quan tỉnh',
  },
  {
    username: 'dangvien',
    role: 'member',
    fullName: '',
    committeeCode: 'FIRST_BRANCH',
    description: 'a member of that branch (mobile app)',
  },
];
