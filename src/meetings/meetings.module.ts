import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { MEETING_ENTITIES } from './entities/index.js';
import { MeetingRepository } from './meeting.repository.js';

/**
 * Branch life: meetings (sinh hoạt chi bộ) with the documents ahead, attendance, votes, minutes and
 * tasks, the month's guidance from the committee above, and the committee's view of them.
 * docs/meetings.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature(MEETING_ENTITIES), CommitteesModule],
  controllers: [],
  providers: [MeetingRepository],
  exports: [MeetingRepository],
})
export class MeetingsModule {}
