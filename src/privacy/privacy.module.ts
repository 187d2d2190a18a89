import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MembersModule } from '../members/members.module.js';
import { SelfServiceModule } from '../self-service/self-service.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { ExportSnapshotRepository } from './export-snapshot.repository.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PersonalDataService } from './personal-data.service.js';

/**
 * Personal data across modules (the member's right to obtain their data): it sits above the
 * modules that hold such data and asks each for its part, so that none of them depends on another.
 */
@Module({
  imports: [AuthModule, MembersModule, SelfServiceModule, SurveysModule, AnalyticsModule],
  controllers: [PersonalDataController],
  providers: [PersonalDataService, ExportSnapshotRepository],
})
export class PrivacyModule {}
