import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../common/roles.js';
import { STAFF_ACCOUNT_ROLES, type StaffAccountRole } from '../accounts.rules.js';
import { USERNAME_PATTERN } from '../usernames.js';
import { Nullable, Optional } from '../../common/validation.js';

/** The username rule, any case (stored lower-case). */
export const USERNAME_INPUT = new RegExp(USERNAME_PATTERN.source, 'i');
/** PostgreSQL `integer`. */
export const INT4_MAX = 2_147_483_647;
export const usernameMessage = {
  message: 'username must be 3-64 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit',
};
/** nullable optional: `undefined` leaves the field alone, `null` sets it to null. */

export class CreateUserDto {
  @ApiProperty({ example: 'bithu.dongke', description: 'Stored lower-case; unique', minLength: 3, maxLength: 64 })
  @IsString()
  @Matches(USERNAME_INPUT, usernameMessage)
  username: string;

  @ApiProperty({
    format: 'password',
    minLength: 10,
    maxLength: 256,
    description:
      'The initial password (at least 10 characters, not containing the username); the account must change it at its first login',
  })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiProperty({ example: 'Trần Thị Bình', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fullName: string;

  @ApiProperty({
    enum: STAFF_ACCOUNT_ROLES,
    enumName: 'StaffRole',
    description: "committee_admin, secretary or editor; an admin may also create an admin. Never more reach than the caller's own.",
  })
  @IsIn(STAFF_ACCOUNT_ROLES, { message: `role must be one of: ${STAFF_ACCOUNT_ROLES.join(', ')}` })
  role: StaffAccountRole;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "The home committee (the root of the account's scope), in the caller's subtree; a secretary's is a branch or grassroots " +
      'organisation. Null only for an admin of the whole tree, created by one.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  committeeId: number | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fullName?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    enumName: 'Role',
    description:
      "A change ends the account's sessions. `member` only as the unchanged role of a member account (the dashboard sends every field).",
  })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: "A change ends the account's sessions" })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  committeeId?: number | null;

  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions at once' })
  @Optional()
  @IsBoolean()
  isActive?: boolean;
}

/** A reset takes no fields: the new initial password is always generated (and answered once). */
export class ResetPasswordDto {}

/** An unlock takes no fields. */
export class UnlockUserDto {}
