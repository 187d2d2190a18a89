import { Module } from '@nestjs/common';
import { CommitteesController } from './committees.controller.js';
import { CommitteesService } from './committees.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

/** The organisation tree and the member registers. */
@Module({
  controllers: [CommitteesController, MembersController],
  providers: [CommitteesService, MembersService],
  exports: [CommitteesService, MembersService],
})
export class MembershipModule {}
