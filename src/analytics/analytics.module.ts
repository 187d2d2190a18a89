import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { AccessEventRepository } from './access-event.repository.js';
import { ActivityReportRepository } from './activity-report.repository.js';
import { AnalyticsController } from './analytics.controller.js';
import { MeetingReportController } from './meeting-report.controller.js';
import { MeetingReportRepository } from './meeting-report.repository.js';
import { MeetingReportService } from './meeting-report.service.js';
import { ContentTitles } from './content-titles.registry.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { InstallRatesService } from './install-rates.service.js';
import { PartitionsRepository } from './partitions.repository.js';
import { PartitionsService } from './partitions.service.js';
import { ReportScope } from './report-scope.js';
import { RolloutReportService } from './rollout-report.service.js';
import { VisitsService } from './visits.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessEvent, AccessEventId } from './access-event.entity.js';
import { CommitteeMemberCount } from './committee-member-count.entity.js';
import { CommitteeInstallDay } from './committee-install-day.entity.js';
import { CommitteeDailyActivity, CommitteeMonthlyActivity, ContentDailyView } from './committee-activity.entity.js';
import { MemberDailyActivity, MemberMonthlyActivity } from './member-activity.entity.js';
import { MEETING_REPORT_ENTITIES } from './meeting-report.entity.js';

/**
 * Usage analytics: event ingestion from the mobile app, the raw events' monthly partitions and
 * retention, and the reports (install rates, visits, top content, rollout) read from counters and
 * rollups. Other modules record content views through the exported EventsService.recordServerView,
 * and the modules owning content register their titles with the exported ContentTitles.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      AccessEvent,
      AccessEventId,
      CommitteeMemberCount,
      CommitteeInstallDay,
      CommitteeDailyActivity,
      CommitteeMonthlyActivity,
      ContentDailyView,
      MemberDailyActivity,
      MemberMonthlyActivity,
      ...MEETING_REPORT_ENTITIES,
    ]),
    CommitteesModule,
  ],
  controllers: [EventsController, AnalyticsController, MeetingReportController],
  providers: [
    AccessEventRepository,
    ActivityReportRepository,
    PartitionsRepository,
    ContentTitles,
    EventsService,
    PartitionsService,
    ReportScope,
    InstallRatesService,
    VisitsService,
    RolloutReportService,
    MeetingReportRepository,
    MeetingReportService,
  ],
  exports: [EventsService, ContentTitles],
})
export class AnalyticsModule {}
