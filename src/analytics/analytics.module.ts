import { Module } from '@nestjs/common';
import { MembershipModule } from '../membership/membership.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { InstallRatesService } from './install-rates.service.js';
import { PartitionsService } from './partitions.service.js';
import { ReportScope } from './report-scope.js';
import { RolloutReportService } from './rollout-report.service.js';
import { VisitsService } from './visits.service.js';

/**
 * Usage analytics: event ingestion from the mobile app, the raw events' monthly partitions and
 * retention, and the reports (install rates, visits, top content, rollout) read from counters and
 * rollups. Other modules record content views through the exported EventsService.recordServerView.
 */
@Module({
  imports: [MembershipModule],
  controllers: [EventsController, AnalyticsController],
  providers: [EventsService, PartitionsService, ReportScope, InstallRatesService, VisitsService, RolloutReportService],
  exports: [EventsService],
})
export class AnalyticsModule {}
