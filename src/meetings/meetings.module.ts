import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MembersModule } from '../members/members.module.js';
import { MEETING_ENTITIES } from './entities/index.js';
import { MeetingGuidanceController } from './meeting-guidance.controller.js';
import { MeetingGuidanceRepository } from './meeting-guidance.repository.js';
import { MeetingGuidanceService } from './meeting-guidance.service.js';
import { MeetingPlanningRepository } from './meeting-planning.repository.js';
import { MeetingTemplatesController } from './meeting-templates.controller.js';
import { MeetingTemplatesService } from './meeting-templates.service.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingsCommitteeMerge } from './meetings-committee-merge.repository.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsService } from './meetings.service.js';

/**
 * Branch life: meetings (sinh hoạt chi bộ) with the documents ahead, attendance, votes, minutes and
 * tasks, the month's guidance from the committee above, and the committee's view of them.
 * docs/meetings.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature(MEETING_ENTITIES), CommitteesModule, MembersModule, DocumentsModule],
  controllers: [MeetingsController, MeetingTemplatesController, MeetingGuidanceController],
  providers: [
    MeetingRepository,
    MeetingPlanningRepository,
    MeetingGuidanceRepository,
    MeetingsService,
    MeetingTemplatesService,
    MeetingGuidanceService,
    MeetingsCommitteeMerge,
  ],
  exports: [MeetingRepository, MeetingsService],
})
export class MeetingsModule {}
