import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../committees/committee.entity.js';

export class MemberActivityCommittee {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS }) kind: CommitteeKind;
}

export class MemberActivityDay {
  @ApiProperty({
    type: 'string',
    format: 'date',
    description: 'A Vietnam calendar day on which the app recorded an opening or a view by the member',
  })
  day: string;
  @ApiProperty({
    type: 'integer',
    isArray: true,
    description: "The committees the day was counted in (the member's branch and those above it)",
  })
  committeeIds: number[];
}

/** What the usage statistics hold about the member, in GET /api/me/export. */
export class MemberActivityRecord {
  @ApiProperty({ type: 'string', format: 'date', description: 'The first day still kept (older days are purged with the raw events)' })
  keptFrom: string;
  @ApiProperty({ type: MemberActivityDay, isArray: true }) days: MemberActivityDay[];
  @ApiProperty({ type: MemberActivityCommittee, isArray: true, description: 'The committees named in days' })
  committees: MemberActivityCommittee[];
}
