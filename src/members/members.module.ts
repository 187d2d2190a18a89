import { Module } from '@nestjs/common';
import { MemberCommitteeMerge } from './member-committee-merge.repository.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { IdentityConflictRepository } from './identity-conflict.repository.js';
import { IdentityConflictsController } from './identity-conflicts.controller.js';
import { IdentityConflictsService } from './identity-conflicts.service.js';
import { MemberExportService } from './member-export.service.js';
import { MemberFilesController } from './member-files.controller.js';
import { MemberIdentityService } from './member-identity.service.js';
import { MemberImportRepository } from './member-import.repository.js';
import { MemberImportService } from './member-import.service.js';
import { MemberLifecycle } from './member-lifecycle.js';
import { MemberPushStatus } from './member-push-status.js';
import { MemberRepository } from './member.repository.js';
import { MemberRecordsService } from './member-records.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { MemberRosterRepository } from './member-roster.repository.js';
import { MemberRosterService } from './member-roster.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Member } from './member.entity.js';
import { MemberTransfer } from './member-transfer.entity.js';
import { MemberIdentityConflict } from './member-identity-conflict.entity.js';

/** The member register: members, transfers, import and export, identity conflicts. */
@Module({
  imports: [TypeOrmModule.forFeature([Member, MemberTransfer, MemberIdentityConflict]), CommitteesModule],
  controllers: [MembersController, MemberFilesController, IdentityConflictsController],
  providers: [
    MemberRepository,
    MemberImportRepository,
    IdentityConflictRepository,
    MemberLifecycle,
    MemberPushStatus,
    MembersService,
    MemberImportService,
    MemberExportService,
    MemberIdentityService,
    IdentityConflictsService,
    MemberCommitteeMerge,
    MemberRosterRepository,
    MemberRosterService,
    MemberRecordsService,
  ],
  exports: [MembersService, MemberIdentityService, MemberRosterService, MemberLifecycle, MemberPushStatus, MemberRecordsService],
})
export class MembersModule {}
