import { ApiProperty } from '@nestjs/swagger';
import type { Principal } from '../../common/principal.js';
import { ROLES, type Role } from '../../common/roles.js';

export class UserProfile {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'bithu.chibo1' }) username: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: 'integer', nullable: true, description: "Home committee: the root of the caller's scope" })
  committeeId: number | null;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The member record of a `member` account' })
  memberId: string | null;
  @ApiProperty({ description: 'The password was issued by someone else and must be changed' })
  mustChangePassword: boolean;
}

export class TokenPair {
  @ApiProperty({ description: 'Bearer token for every other call; short-lived' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
  @ApiProperty({ description: 'One-time token for POST /api/auth/refresh; rotated on each use' }) refreshToken: string;
  @ApiProperty({ type: UserProfile }) user: UserProfile;
}

export class LoginResult extends TokenPair {
  @ApiProperty({
    description:
      'Device token (OWASP device cookies): keep it and send it back as `deviceToken` with every later login to this account. ' +
      'A login with a valid device token is not subject to the per-username throttle and the account lock that repeated wrong ' +
      'passwords from unknown clients cause. Browsers get the same token in the HttpOnly cookie `sotay_device` (Path=/api/auth) ' +
      'and need not handle it.',
  })
  deviceToken: string;
}

export function toUserProfile(p: Principal): UserProfile {
  return {
    id: p.id,
    username: p.username,
    fullName: p.fullName,
    role: p.role,
    committeeId: p.committeeId,
    committeeName: p.committeeName,
    memberId: p.memberId,
    mustChangePassword: p.mustChangePassword,
  };
}
