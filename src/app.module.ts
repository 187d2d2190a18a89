import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { SeedModule } from './database/seed/seed.module.js';
import { HealthModule } from './health/health.module.js';
import { MembershipModule } from './membership/membership.module.js';

@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, AuthModule, MembershipModule, HealthModule, SeedModule],
})
export class AppModule {}
