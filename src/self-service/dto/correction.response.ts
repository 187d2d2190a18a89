import { ApiProperty } from '@nestjs/swagger';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_STATUSES,
  type CorrectableField,
  type CorrectionChanges,
  type CorrectionRequest,
  type CorrectionStatus,
} from '../correction-request.entity.js';
import type { Member } from '../../members/member.entity.js';
import { CorrectionChangesDto } from './correction.dto.js';

const fieldsOf = (c: CorrectionChanges) => CORRECTABLE_FIELDS.filter((f) => f in c);

/** A request as the member who made it sees it (their own data, values included). */
export class MyCorrectionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: CorrectionChangesDto }) changes: CorrectionChanges;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: CORRECTION_STATUSES, enumName: 'CorrectionStatus' }) status: CorrectionStatus;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true, description: "The secretary's note on the decision" }) decisionNote: string | null;
}

export function toMyCorrectionResponse(c: CorrectionRequest): MyCorrectionResponse {
  return {
    id: c.id,
    changes: c.changes,
    reason: c.reason,
    status: c.status,
    createdAt: c.createdAt,
    decidedAt: c.decidedAt,
    decisionNote: c.decisionNote,
  };
}

/**
 * A row of the staff list. Least data: it names the fields asked for but never their values
 * (a phone, an email or a birth date of another member is only shown on the single request).
 */
export class CorrectionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ type: 'string', nullable: true }) memberName: string | null;
  @ApiProperty({ type: 'integer', description: 'The branch the member stood in when asking' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ enum: CORRECTABLE_FIELDS, isArray: true, description: 'The fields the member asks to correct' })
  fields: CorrectableField[];
  @ApiProperty({ enum: CORRECTION_STATUSES, enumName: 'CorrectionStatus' }) status: CorrectionStatus;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: Date | null;
}

export function toCorrectionSummary(c: CorrectionRequest): CorrectionSummaryResponse {
  return {
    id: c.id,
    memberId: c.memberId,
    memberName: c.member?.fullName ?? null,
    committeeId: c.committeeId,
    committeeName: c.committee?.name ?? null,
    fields: fieldsOf(c.changes),
    status: c.status,
    createdAt: c.createdAt,
    decidedAt: c.decidedAt,
  };
}

/** One request as the deciding staff see it: the asked values next to the record's current ones. */
export class CorrectionResponse extends CorrectionSummaryResponse {
  @ApiProperty({ type: CorrectionChangesDto, description: 'The requested values' }) changes: CorrectionChanges;
  @ApiProperty({ type: CorrectionChangesDto, description: "The record's current values of the same fields" }) current: CorrectionChanges;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The account that decided' }) decidedBy: string | null;
  @ApiProperty({ type: 'string', nullable: true }) decisionNote: string | null;
}

export function toCorrectionResponse(c: CorrectionRequest, member: Member): CorrectionResponse {
  const current: Record<string, unknown> = {};
  for (const f of fieldsOf(c.changes)) current[f] = member[f];
  return {
    ...toCorrectionSummary({ ...c, member }),
    changes: c.changes,
    current: current as CorrectionChanges,
    reason: c.reason,
    decidedBy: c.decidedBy,
    decisionNote: c.decisionNote,
  };
}
