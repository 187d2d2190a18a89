import { Module } from '@nestjs/common';
import { CommitteeMergeService } from './committee-merge.service.js';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { MemberExportService } from './member-export.service.js';
import { MemberFilesController } from './member-files.controller.js';
import { IdentityConflictsController } from './identity-conflicts.controller.js';
import { IdentityConflictsService } from './identity-conflicts.service.js';
import { MemberIdentityService } from './member-identity.service.js';
import { MemberImportService } from './member-import.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { TrainingsController } from './trainings.controller.js';
import { TrainingsService } from './trainings.service.js';

/** The organisation tree and the member registers. */
@Module({
  controllers: [CommitteesController, MembersController, MeController, CorrectionsController, MemberFilesController, TrainingsController, IdentityConflictsController],
  providers: [CommitteesService, CommitteeMergeService, TrainingsService, MembersService, MeService, CorrectionsService, MemberImportService, MemberExportService, MemberIdentityService, IdentityConflictsService],
  exports: [CommitteesService, MembersService, MeService],
})
export class MembershipModule {}
