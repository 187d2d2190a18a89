import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [AuthModule, AnalyticsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
