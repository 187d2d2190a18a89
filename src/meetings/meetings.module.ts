import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { RateLimitModule } from '../common/rate-limit.module.js';
import { MembersModule } from '../members/members.module.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { MeAttendanceController } from './me-attendance.controller.js';
import { MotionsController } from './motions.controller.js';
import { MotionsRepository } from './motions.repository.js';
import { MotionsService } from './motions.service.js';
import { MEETING_ENTITIES } from './entities/index.js';
import { MeetingRepository } from './meeting.repository.js';

/**
 * Branch life: meetings (sinh hoạt chi bộ) with the documents ahead, attendance, votes, minutes and
 * tasks, the month's guidance from the committee above, and the committee's view of them.
 * docs/meetings.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature(MEETING_ENTITIES), CommitteesModule, AuditModule, MembersModule, RateLimitModule],
  controllers: [
    // attendance and votes
    AttendanceController,
    MotionsController,
    MeAttendanceController,
  ],
  providers: [
    MeetingRepository,
    // attendance and votes
    AttendanceRepository,
    AttendanceService,
    MotionsRepository,
    MotionsService,
  ],
  exports: [MeetingRepository],
})
export class MeetingsModule {}
