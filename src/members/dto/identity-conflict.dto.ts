import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CONFLICT_OUTCOMES,
  CONFLICT_STATUSES,
  IDENTITY_FIELDS,
  type ConflictOutcome,
  type ConflictStatus,
  type IdentityField,
  type MemberIdentityConflict,
} from '../member-identity-conflict.entity.js';
import type { Member } from '../member.entity.js';

export class ResolveIdentityConflictDto {
  @ApiProperty({
    enum: CONFLICT_OUTCOMES,
    enumName: 'IdentityConflictOutcome',
    description:
      "`same_person`: one person with two records (a transfer in progress): the existing record moves to the new record's branch and the duplicate is withdrawn. " +
      "`keep_existing`: the number was mistyped on the new record (cleared there). `keep_new`: the existing record's number was wrong (cleared there; the new record keeps it).",
  })
  @IsIn(CONFLICT_OUTCOMES as unknown as string[])
  outcome: ConflictOutcome;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class IdentityConflictMemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: 'string', format: 'date' }) birthDate: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
}

/** A pending duplicate identity number, as the staff of the committee that verifies it see it. */
export class IdentityConflictResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IDENTITY_FIELDS, enumName: 'IdentityField' }) field: IdentityField;
  @ApiProperty() value: string;
  @ApiProperty({
    type: IdentityConflictMemberResponse,
    nullable: true,
    description: 'The record the number was entered for; null once that record no longer exists',
  })
  member: IdentityConflictMemberResponse | null;
  @ApiProperty({
    type: IdentityConflictMemberResponse,
    nullable: true,
    description: 'The record that already held the number; null once that record no longer exists',
  })
  holder: IdentityConflictMemberResponse | null;
  @ApiProperty({ type: 'integer', description: 'The lowest committee covering both records' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ enum: CONFLICT_STATUSES, enumName: 'IdentityConflictStatus' }) status: ConflictStatus;
  @ApiProperty({ enum: CONFLICT_OUTCOMES, enumName: 'IdentityConflictOutcome', nullable: true }) outcome: ConflictOutcome | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt: Date | null;
}

const memberOf = (m: Member | undefined): IdentityConflictMemberResponse | null =>
  m
    ? { id: m.id, fullName: m.fullName, birthDate: m.birthDate, committeeId: m.committeeId, committeeName: m.committee?.name ?? null }
    : null;

export function toIdentityConflictResponse(c: MemberIdentityConflict): IdentityConflictResponse {
  return {
    id: c.id,
    field: c.field,
    value: c.value,
    member: memberOf(c.member),
    holder: memberOf(c.holder),
    committeeId: c.committeeId,
    committeeName: c.committee?.name ?? null,
    status: c.status,
    outcome: c.outcome,
    note: c.note,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
  };
}
