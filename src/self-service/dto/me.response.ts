import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, type Committee, type CommitteeKind } from '../../committees/committee.entity.js';
import {
  END_STATES,
  GENDERS,
  MEMBER_STATUSES,
  NOT_INSTALLED_REASONS,
  type EndState,
  type Gender,
  type Member,
  type MemberStatus,
  type NotInstalledReason,
} from '../../members/member.entity.js';
import { shownExternalId, shownPartyCardNumber } from '../../members/member-identity.service.js';
import { DeviceResponse } from './device.response.js';
import { MyCorrectionResponse } from './correction.response.js';
import { MemberTransferResponse } from '../../members/dto/member.response.js';

export class MeCommitteeRef {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty() name: string;
}

export class MeChainLink extends MeCommitteeRef {
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
}

/**
 * The member's own record, for the member only (GET /api/me): every field of it, contact data and
 * birth date included, because it is their own data. Never used for anyone else.
 */
export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
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
  @ApiProperty({ type: 'string', nullable: true }) phone: string | null;
  @ApiProperty({ type: 'string', nullable: true }) email: string | null;
  @ApiProperty({ type: MeCommitteeRef, description: 'The branch (chi bộ) the member belongs to' }) committee: MeCommitteeRef;
  @ApiProperty({ type: MeChainLink, isArray: true, description: 'The committees from the root of the tree down to the branch, inclusive' })
  committeeChain: MeChainLink[];
  @ApiProperty({ enum: END_STATES, enumName: 'EndState', nullable: true }) endState: EndState | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true }) endReason: string | null;
  @ApiProperty({ enum: NOT_INSTALLED_REASONS, enumName: 'NotInstalledReason', nullable: true })
  notInstalledReason: NotInstalledReason | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Set by the first device registration' })
  installedAt: Date | null;
  @ApiProperty({ description: 'Whether the member has a registered (active) device' }) hasDevices: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toMeResponse(m: Member, username: string, chain: Committee[], hasDevices: boolean): MeResponse {
  const branch = chain.find((c) => c.id === m.committeeId);
  return {
    id: m.id,
    username,
    fullName: m.fullName,
    gender: m.gender,
    birthDate: m.birthDate,
    partyCardNumber: shownPartyCardNumber(m),
    externalId: shownExternalId(m),
    status: m.status,
    admittedAt: m.admittedAt,
    officialAt: m.officialAt,
    exempted: m.exempted,
    exemptedAt: m.exemptedAt,
    exemptedReason: m.exemptedReason,
    phone: m.phone,
    email: m.email,
    committee: { id: m.committeeId, name: branch?.name ?? m.committee?.name ?? '' },
    committeeChain: chain.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    endState: m.endState,
    endedAt: m.endedAt,
    endReason: m.endReason,
    notInstalledReason: m.notInstalledReason,
    installedAt: m.installedAt,
    hasDevices,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export class MeAccountInfo {
  @ApiProperty() username: string;
  @ApiProperty({ example: 'member' }) role: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastLoginAt: Date | null;
}

export class MeSessionInfo {
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) revokedReason: string | null;
}

export class MeAuditLine {
  @ApiProperty({ example: 'member.update' }) action: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ type: 'string', nullable: true, description: 'The role of whoever acted (not their identity)', example: 'secretary' })
  actorRole: string | null;
  @ApiProperty({ type: 'string', isArray: true, description: 'The fields of the record a change touched' }) fields: string[];
}

/** The membership sections of GET /api/me/export (the document is the privacy module's MeExport). */
export class MembershipPersonalData {
  @ApiProperty({ type: MeResponse }) record: MeResponse;
  @ApiProperty({ type: MemberTransferResponse, isArray: true }) transfers: MemberTransferResponse[];
  @ApiProperty({ type: DeviceResponse, isArray: true }) devices: DeviceResponse[];
  @ApiProperty({ type: MeAccountInfo, nullable: true }) account: MeAccountInfo | null;
  @ApiProperty({ type: MeSessionInfo, isArray: true, description: 'Login sessions of the account' }) sessions: MeSessionInfo[];
  @ApiProperty({ type: MyCorrectionResponse, isArray: true }) corrections: MyCorrectionResponse[];
  @ApiProperty({ type: MeAuditLine, isArray: true, description: 'What was done with the record, account and correction requests' })
  auditTrail: MeAuditLine[];
}
