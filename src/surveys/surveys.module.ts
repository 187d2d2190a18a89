import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { MembersModule } from '../members/members.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MeSurveysController } from './me-surveys.controller.js';
import { SurveyAnswer } from './survey-answer.entity.js';
import { SurveyOption } from './survey-option.entity.js';
import { SurveyParticipation } from './survey-participation.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';
import { SurveyResponse } from './survey-response.entity.js';
import { SurveyResponseRepository } from './survey-response.repository.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsRepository } from './survey-results.repository.js';
import { SurveyResultsService } from './survey-results.service.js';
import { Survey } from './survey.entity.js';
import { SurveyRepository } from './survey.repository.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';

/** Surveys and resolution-study quizzes: the staff desk (/api/surveys) and the members' side (/api/me/surveys). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Survey, SurveyQuestion, SurveyOption, SurveyParticipation, SurveyResponse, SurveyAnswer]),
    CommitteesModule,
    MembersModule,
    NotificationsModule,
  ],
  controllers: [SurveysController, MeSurveysController],
  providers: [
    SurveysService,
    SurveyResponsesService,
    SurveyResultsService,
    SurveyRepository,
    SurveyResponseRepository,
    SurveyResultsRepository,
  ],
  exports: [SurveyResponsesService],
})
export class SurveysModule {}
