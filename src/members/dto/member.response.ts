import { ApiProperty } from '@nestjs/swagger';
import {
  ACTIVITY_HOLDS,
  END_STATES,
  GENDERS,
  MEMBER_STATUSES,
  NOT_INSTALLED_REASONS,
  type ActivityHold,
  type EndState,
  type Gender,
  type Member,
  type MemberStatus,
  type NotInstalledReason,
} from '../member.entity.js';
import { shownExternalId, shownPartyCardNumber } from '../member-identity.service.js';
import { TRANSFER_KINDS, type MemberTransfer, type TransferKind } from '../member-transfer.entity.js';

/** A member record as staff in scope see it (the dashboard). Mobile and content endpoints never use it. */
export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: GENDERS, enumName: 'Gender' }) gender: Gender;
  @ApiProperty({ type: 'string', format: 'date' }) birthDate: string;
  @ApiProperty({ type: 'string', nullable: true }) partyCardNumber: string | null;
  @ApiProperty({ type: 'string', nullable: true }) externalId: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' }) status: MemberStatus;
  @ApiProperty({ type: 'string', format: 'date' }) admittedAt: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) officialAt: string | null;
  @ApiProperty() exempted: boolean;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) exemptedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true }) exemptedReason: string | null;
  @ApiProperty({
    enum: ACTIVITY_HOLDS,
    enumName: 'ActivityHold',
    nullable: true,
    description: 'Temporarily attending elsewhere or suspended from Party activities: not counted for branch decisions',
  })
  activityHold: ActivityHold | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) activityHoldSince: string | null;
  @ApiProperty({ type: 'string', nullable: true }) activityHoldNote: string | null;
  @ApiProperty({ type: 'string', nullable: true }) phone: string | null;
  @ApiProperty({ type: 'string', nullable: true }) email: string | null;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ enum: END_STATES, enumName: 'EndState', nullable: true }) endState: EndState | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true }) endReason: string | null;
  @ApiProperty({ enum: NOT_INSTALLED_REASONS, enumName: 'NotInstalledReason', nullable: true })
  notInstalledReason: NotInstalledReason | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Read-only: set by the first device registration' })
  installedAt: Date | null;
  @ApiProperty({
    description: 'Read-only: the member has an app install that receives push notifications (a registered push subscription)',
  })
  pushEnabled: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toMemberResponse(m: Member, pushEnabled: boolean): MemberResponse {
  return {
    id: m.id,
    fullName: m.fullName,
    gender: m.gender,
    birthDate: m.birthDate,
    // a number waiting for verification reads like one held: the writer cannot tell (member-identity.service.ts)
    partyCardNumber: shownPartyCardNumber(m),
    externalId: shownExternalId(m),
    status: m.status,
    admittedAt: m.admittedAt,
    officialAt: m.officialAt,
    exempted: m.exempted,
    exemptedAt: m.exemptedAt,
    exemptedReason: m.exemptedReason,
    activityHold: m.activityHold,
    activityHoldSince: m.activityHoldSince,
    activityHoldNote: m.activityHoldNote,
    phone: m.phone,
    email: m.email,
    committeeId: m.committeeId,
    committeeName: m.committee?.name ?? null,
    endState: m.endState,
    endedAt: m.endedAt,
    endReason: m.endReason,
    notInstalledReason: m.notInstalledReason,
    installedAt: m.installedAt,
    pushEnabled,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export class MemberTransferResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) fromCommitteeId: number;
  @ApiProperty({ type: 'string', nullable: true }) fromCommitteeName: string | null;
  @ApiProperty({ type: 'integer' }) toCommitteeId: number;
  @ApiProperty({ type: 'string', nullable: true }) toCommitteeName: string | null;
  @ApiProperty({ type: 'string', format: 'date' }) transferredOn: string;
  @ApiProperty({ enum: TRANSFER_KINDS, enumName: 'TransferKind' }) kind: TransferKind;
  @ApiProperty({ type: 'string', nullable: true }) reason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export function toTransferResponse(t: MemberTransfer): MemberTransferResponse {
  return {
    id: t.id,
    fromCommitteeId: t.fromCommitteeId,
    fromCommitteeName: t.fromCommittee?.name ?? null,
    toCommitteeId: t.toCommitteeId,
    toCommitteeName: t.toCommittee?.name ?? null,
    transferredOn: t.transferredOn,
    kind: t.kind,
    reason: t.reason,
    createdAt: t.createdAt,
  };
}
