import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { MemberAccountsController } from './member-accounts.controller.js';
import { MemberAccountsService } from './member-accounts.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts: staff logins (/api/users) and members' logins for the mobile app, one by one or issued in bulk. */
@Module({
  imports: [MembershipModule, AuthModule],
  controllers: [UsersController, MemberAccountsController],
  providers: [UsersService, MemberAccountsService],
})
export class AccountsModule {}
