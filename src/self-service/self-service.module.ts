import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { MembersModule } from '../members/members.module.js';
import { CorrectionCommitteeMerge } from './correction-committee-merge.repository.js';
import { CorrectionRequest } from './correction-request.entity.js';
import { CorrectionRequestRepository } from './correction-request.repository.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { MemberDevice } from './device.entity.js';
import { MemberDeviceRepository } from './device.repository.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { CorrectionDecidedHook } from './correction-decided.hook.js';
import { MemberPushStatusProvider } from './member-push-status.provider.js';
import { PushTargetsService } from './push-targets.service.js';

/** What a member does for themself: their record, devices, correction requests. */
@Module({
  imports: [TypeOrmModule.forFeature([MemberDevice, CorrectionRequest]), MembersModule, CommitteesModule],
  controllers: [MeController, CorrectionsController],
  providers: [
    MeService,
    PushTargetsService,
    MemberPushStatusProvider,
    CorrectionDecidedHook,
    CorrectionsService,
    CorrectionCommitteeMerge,
    MemberDeviceRepository,
    CorrectionRequestRepository,
  ],
  exports: [MeService, PushTargetsService, CorrectionDecidedHook],
})
export class SelfServiceModule {}
