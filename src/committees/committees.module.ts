import { Module } from '@nestjs/common';
import { CommitteeMergeService } from './committee-merge.service.js';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Committee } from './committee.entity.js';
import { CommitteePhaseChange } from './committee-phase-change.entity.js';
import { CommitteeDependents } from './committee-dependents.js';
import { CommitteeRepository } from './committee.repository.js';

/**
 * The organisation tree: committees, their phases (founding, renaming, dissolution) and merges.
 * The modules above register in `CommitteeDependents` what they keep in a committee (a delete's
 * refusal counts it, a merge moves it).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Committee, CommitteePhaseChange])],
  controllers: [CommitteesController],
  providers: [CommitteesService, CommitteeMergeService, CommitteeRepository, CommitteeDependents],
  exports: [CommitteesService, CommitteeDependents],
})
export class CommitteesModule {}
