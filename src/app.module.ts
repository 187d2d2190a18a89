import { Module } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { FaqModule } from './faq/faq.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { CommitteesModule } from './committees/committees.module.js';
import { MembersModule } from './members/members.module.js';
import { SelfServiceModule } from './self-service/self-service.module.js';
import { TrainingsModule } from './trainings/trainings.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { NewsModule } from './news/news.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SurveysModule } from './surveys/surveys.module.js';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    JobsModule,
    AuditModule,
    AuthModule,
    CommitteesModule,
    NotificationsModule,
    MembersModule,
    SelfServiceModule,
    TrainingsModule,
    AccountsModule,
    AnalyticsModule,
    HealthModule,
    DemoModule,
    NewsModule,
    DocumentsModule,
    FaqModule,
    SurveysModule,
    MeetingsModule,
    PrivacyModule,
  ],
})
export class AppModule {}
