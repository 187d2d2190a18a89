import { Module } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { FaqModule } from './faq/faq.module.js';
import { SeedModule } from './database/seed/seed.module.js';
import { HealthModule } from './health/health.module.js';
import { MembershipModule } from './membership/membership.module.js';
import { NewsModule } from './news/news.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SurveysModule } from './surveys/surveys.module.js';

@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, AuthModule, MembershipModule, AccountsModule, AnalyticsModule, HealthModule, SeedModule, NewsModule, DocumentsModule, FaqModule, SurveysModule, PrivacyModule],
})
export class AppModule {}
