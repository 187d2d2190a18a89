import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { hashPassword } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** How a real deployment gets its first account: ADMIN_USERNAME + ADMIN_PASSWORD create it once. */
@Injectable()
export class AccountsBootstrap {
  private readonly logger = new Logger(AccountsBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly config: AppConfig,
  ) {}

  async ensureConfiguredAdmin(): Promise<void> {
    const { ADMIN_USERNAME, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_USERNAME || !ADMIN_PASSWORD) return;
    const username = ADMIN_USERNAME.toLowerCase();
    const created = await this.users.insertAdminIfMissing({
      username,
      passwordHash: await hashPassword(ADMIN_PASSWORD),
      fullName: 'Quản trị hệ thống',
    });
    if (created) this.logger.log(`created admin account "${username}"`);
  }
}
