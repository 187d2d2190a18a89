import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { InstallRatesService } from './install-rates.service.js';
import { PartitionsService } from './partitions.service.js';
import { ReportScope } from './report-scope.js';
import { RolloutReportService } from './rollout-report.service.js';
import { VisitsService } from './visits.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessEvent, AccessEventId } from './entities/access-event.entity.js';
import { CommitteeMemberCount } from './entities/committee-member-count.entity.js';
import { CommitteeInstallDay } from './entities/committee-install-day.entity.js';
import { CommitteeDailyActivity, CommitteeMonthlyActivity, ContentDailyView } from './entities/committee-activity.entity.js';
import { MemberDailyActivity, MemberMonthlyActivity } from './entities/member-activity.entity.js';

/**
 * Usage analytics: event ingestion from the mobile app, the raw events' monthly partitions and
 * retention, and the reports (install rates, visits, top content, rollout) read from counters and
 * rollups. Other modules record content views through the exported EventsService.recordServerView.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AccessEvent, AccessEventId, CommitteeMemberCount, CommitteeInstallDay, CommitteeDailyActivity, CommitteeMonthlyActivity, ContentDailyView, MemberDailyActivity, MemberMonthlyActivity]), CommitteesModule],
  controllers: [EventsController, AnalyticsController],
  providers: [EventsService, PartitionsService, ReportScope, InstallRatesService, VisitsService, RolloutReportService],
  exports: [EventsService],
})
export class AnalyticsModule {}
