import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../../analytics/analytics.module.js';
import { AuthModule } from '../../auth/auth.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [AuthModule, AnalyticsModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
