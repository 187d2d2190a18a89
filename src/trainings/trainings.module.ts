import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { TrainingsController } from './trainings.controller.js';
import { TrainingsService } from './trainings.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Training } from './training.entity.js';
import { TrainingRepository } from './training.repository.js';

/** Training sessions on the handbook (hội nghị tập huấn) that committees hold for their staff and members. */
@Module({
  imports: [TypeOrmModule.forFeature([Training]), CommitteesModule],
  controllers: [TrainingsController],
  providers: [TrainingsService, TrainingRepository],
})
export class TrainingsModule {}
