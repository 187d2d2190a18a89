import { ApiProperty } from '@nestjs/swagger';
import type { Training } from '../training.entity.js';

export class TrainingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ type: 'string', format: 'date' }) heldOn: string;
  @ApiProperty() topic: string;
  @ApiProperty({ type: 'string', nullable: true }) location: string | null;
  @ApiProperty({ type: 'integer' }) attendees: number;
  @ApiProperty({ type: 'string', nullable: true }) notes: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The account that recorded it' }) createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toTrainingResponse(t: Training): TrainingResponse {
  return {
    id: t.id,
    committeeId: t.committeeId,
    committeeName: t.committee?.name ?? null,
    heldOn: t.heldOn,
    topic: t.topic,
    location: t.location,
    attendees: t.attendees,
    notes: t.notes,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
