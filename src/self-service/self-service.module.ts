import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { CorrectionCommitteeMerge } from './correction-committee-merge.repository.js';
import { MembersModule } from '../members/members.module.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberDevice } from './device.entity.js';
import { CorrectionRequest } from './correction-request.entity.js';

/** What a member does for themself: their record, devices, correction requests. */
@Module({
  imports: [TypeOrmModule.forFeature([MemberDevice, CorrectionRequest]), MembersModule, CommitteesModule],
  controllers: [MeController, CorrectionsController],
  providers: [MeService, CorrectionsService, CorrectionCommitteeMerge],
  exports: [MeService],
})
export class SelfServiceModule {}
