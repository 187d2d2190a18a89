import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { MEETING_ENTITIES } from './entities/index.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeMinutesController } from './me-minutes.controller.js';
import { MeetingTasksController } from './meeting-tasks.controller.js';
import { MeetingTasksRepository } from './meeting-tasks.repository.js';
import { MeetingTasksService } from './meeting-tasks.service.js';
import { MinutesController } from './minutes.controller.js';
import { MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';

/**
 * Branch life: meetings (sinh hoạt chi bộ) with the documents ahead, attendance, votes, minutes and
 * tasks, the month's guidance from the committee above, and the committee's view of them.
 * docs/meetings.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature(MEETING_ENTITIES), CommitteesModule, AuthModule],
  controllers: [MinutesController, MeetingTasksController, MeMinutesController],
  providers: [MeetingRepository, MinutesRepository, MinutesService, MeetingTasksRepository, MeetingTasksService],
  exports: [MeetingRepository],
})
export class MeetingsModule {}
