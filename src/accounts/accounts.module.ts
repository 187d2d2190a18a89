import { Module } from '@nestjs/common';
import { AccountCommitteeMerge } from './account-committee-merge.js';
import { AuthModule } from '../auth/auth.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { MembersModule } from '../members/members.module.js';
import { MemberAccountLifecycle } from './member-account-lifecycle.js';
import { MemberAccountsController } from './member-accounts.controller.js';
import { MemberAccountsService } from './member-accounts.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts: staff logins (/api/users) and members' logins for the mobile app, one by one or issued in bulk. */
@Module({
  imports: [CommitteesModule, MembersModule, AuthModule],
  controllers: [UsersController, MemberAccountsController],
  providers: [UsersService, MemberAccountsService, AccountCommitteeMerge, MemberAccountLifecycle],
})
export class AccountsModule {}
