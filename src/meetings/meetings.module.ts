import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
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
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { BeforeMeetingRepository } from './before-meeting.repository.js';
import { ExcusesCommentsController } from './excuses-comments.controller.js';
import { ExcusesCommentsService } from './excuses-comments.service.js';
import { MeMeetingsController } from './me-meetings.controller.js';
import { MeMeetingsService } from './me-meetings.service.js';
import { MEETING_ENTITIES } from './entities/index.js';
import { MeetingGuidanceController } from './meeting-guidance.controller.js';
import { MeetingGuidanceRepository } from './meeting-guidance.repository.js';
import { MeetingGuidanceService } from './meeting-guidance.service.js';
import { MeetingPlanningRepository } from './meeting-planning.repository.js';
import { MeetingTemplatesController } from './meeting-templates.controller.js';
import { MeetingTemplatesService } from './meeting-templates.service.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeMinutesController } from './me-minutes.controller.js';
import { MeetingTasksController } from './meeting-tasks.controller.js';
import { MeetingTasksRepository } from './meeting-tasks.repository.js';
import { MeetingTasksService } from './meeting-tasks.service.js';
import { MinutesController } from './minutes.controller.js';
import { MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';
import { MeetingsCommitteeMerge } from './meetings-committee-merge.repository.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsService } from './meetings.service.js';
import { JobsModule } from '../jobs/jobs.module.js';

/**
 * Branch life: meetings (sinh hoạt chi bộ) with the documents ahead, attendance, votes, minutes and
 * tasks, the month's guidance from the committee above, and the committee's view of them.
 * docs/meetings.md.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(MEETING_ENTITIES),
    CommitteesModule,
    AuditModule,
    MembersModule,
    RateLimitModule,
    JobsModule,
    DocumentsModule,
    AnalyticsModule,
    AuthModule,
    NotificationsModule,
  ],
  controllers: [
    // planning
    MeetingsController,
    MeetingTemplatesController,
    MeetingGuidanceController,
    // attendance and votes
    AttendanceController,
    MotionsController,
    MeAttendanceController,
    // before the meeting
    MeMeetingsController,
    ExcusesCommentsController,
    // minutes and tasks
    MinutesController,
    MeetingTasksController,
    MeMinutesController,
  ],
  providers: [
    MeetingRepository,
    // planning
    MeetingPlanningRepository,
    MeetingGuidanceRepository,
    MeetingsService,
    MeetingTemplatesService,
    MeetingGuidanceService,
    MeetingsCommitteeMerge,
    // attendance and votes
    AttendanceRepository,
    AttendanceService,
    MotionsRepository,
    MotionsService,
    // before the meeting
    BeforeMeetingRepository,
    MeMeetingsService,
    ExcusesCommentsService,
    // minutes and tasks
    MinutesRepository,
    MinutesService,
    MeetingTasksRepository,
    MeetingTasksService,
  ],
  exports: [MeetingRepository, MeetingsService],
})
export class MeetingsModule {}
