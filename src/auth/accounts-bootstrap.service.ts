import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { hashPassword } from './passwords.js';
import { User } from './user.entity.js';

/** How a real deployment gets its first account: ADMIN_USERNAME + ADMIN_PASSWORD create it once. */
@Injectable()
export class AccountsBootstrap {
  private readonly logger = new Logger(AccountsBootstrap.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async ensureConfiguredAdmin(): Promise<void> {
    const { ADMIN_USERNAME, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_USERNAME || !ADMIN_PASSWORD) return;
    const username = ADMIN_USERNAME.toLowerCase();
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({
        username,
        passwordHash: await hashPassword(ADMIN_PASSWORD),
        fullName: 'Quản trị hệ thống',
        role: 'admin',
        committeeId: null,
      })
      .orIgnore()
      .execute();
    if (result.identifiers.length && result.identifiers[0]) this.logger.log(`created admin account "${username}"`);
  }
}
