import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../../auth/user.entity.js';
import { ROLES, type Role } from '../../common/roles.js';

/** An account as staff see it. Never the password hash. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'bithu.dongke' }) username: string;
  @ApiProperty({ example: 'Trần Thị Bình' }) fullName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Home committee; null only for an admin of the whole tree' })
  committeeId: number | null;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The member record of a `member` account' })
  memberId: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'The password was issued by someone else and must be changed at the next login' })
  mustChangePassword: boolean;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Locked after repeated wrong passwords until then (POST /api/users/{id}/unlock lifts it); null when not locked',
  })
  lockedUntil: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastLoginAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    committeeId: u.committeeId,
    committeeName: u.committee?.name ?? null,
    memberId: u.memberId,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil !== null && u.lockedUntil > new Date() ? u.lockedUntil : null,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}

/** An account with the password just issued to it: shown this once, never stored in plain, never answered again. */
export class IssuedAccountResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'Kx7p-Qm3d-Wa9r',
    description: 'The generated initial password, answered only this once; null when the caller chose the password',
  })
  initialPassword: string | null;
}

export class IssuedCredential {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName: string;
  @ApiProperty({ example: 'Chi bộ xóm Đồng Kè', description: "The member's branch" }) committeeName: string;
  @ApiProperty({ example: 'nguyenvanan.4821' }) username: string;
  @ApiProperty({ example: 'Kx7p-Qm3d-Wa9r', description: 'Answered only this once; to be changed at the first login' })
  initialPassword: string;
}

export class BulkIssueResponse {
  @ApiProperty({ type: 'integer', description: 'Accounts created now' }) created: number;
  @ApiProperty({ type: 'integer', description: 'Current members of the subtree who already had an account' }) skipped: number;
  @ApiProperty({ type: IssuedCredential, isArray: true, description: 'One per account created now, in tree order then by name' })
  credentials: IssuedCredential[];
}
