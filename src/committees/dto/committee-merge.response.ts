import { ApiProperty } from '@nestjs/swagger';
import { CommitteeResponse } from './committee.response.js';

export class CommitteeMergeCounts {
  @ApiProperty({ type: 'integer', description: 'Direct sub-committees moved under the target (with their subtrees)' }) children: number;
  @ApiProperty({ type: 'integer', description: 'Current members moved to the target, each with a restructuring transfer row' })
  members: number;
  @ApiProperty({ type: 'integer', description: 'Accounts whose home committee is now the target' }) accounts: number;
}

export class CommitteeMergeResponse {
  @ApiProperty({ type: CommitteeResponse, description: 'The committee merged into, as it is now' }) target: CommitteeResponse;
  @ApiProperty({ type: CommitteeMergeCounts }) moved: CommitteeMergeCounts;
}
