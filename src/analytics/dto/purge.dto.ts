import { ApiProperty } from '@nestjs/swagger';

/** The purge takes no parameters: the cutoff follows EVENT_RETENTION_MONTHS. */
export class PurgeRequestDto {}

export class PurgeResponse {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    description: 'Raw events before this instant are gone (the start of the oldest month kept)',
  })
  cutoff: Date;
  @ApiProperty({ type: 'integer', description: 'EVENT_RETENTION_MONTHS' }) retentionMonths: number;
  @ApiProperty({
    description: 'Monthly partitions dropped, with their events',
    type: 'array',
    items: { type: 'object', properties: { month: { type: 'string', example: '2024-10' }, events: { type: 'integer' } } },
  })
  droppedMonths: { month: string; events: number }[];
  @ApiProperty({ type: 'integer', description: 'Expired events deleted from the DEFAULT partition' }) deletedFromDefault: number;
  @ApiProperty({ type: 'integer', description: 'Expired per-member dedupe rows (days)' }) deletedMemberDays: number;
  @ApiProperty({ type: 'integer', description: 'Expired per-member dedupe rows (months)' }) deletedMemberMonths: number;
}
