import { Module } from '@nestjs/common';
import { CommitteeLookupRepository } from './committee-lookup.repository.js';
import { CommitteeLookupService } from './committee-lookup.service.js';
import { CommitteeMergeService } from './committee-merge.service.js';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Committee } from './committee.entity.js';
import { CommitteePhaseChange } from './committee-phase-change.entity.js';

/** The organisation tree: committees, their phases (founding, renaming, dissolution) and merges. */
@Module({
  imports: [TypeOrmModule.forFeature([Committee, CommitteePhaseChange])],
  controllers: [CommitteesController],
  providers: [CommitteesService, CommitteeMergeService, CommitteeLookupService, CommitteeLookupRepository],
  exports: [CommitteesService, CommitteeLookupService],
})
export class CommitteesModule {}
