import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { MeSurveysController } from './me-surveys.controller.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Survey } from './survey.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';
import { SurveyOption } from './survey-option.entity.js';
import { SurveyParticipation } from './survey-participation.entity.js';
import { SurveyResponse } from './survey-response.entity.js';
import { SurveyAnswer } from './survey-answer.entity.js';

/** Surveys and resolution-study quizzes: the staff desk (/api/surveys) and the members' side (/api/me/surveys). */
@Module({
  imports: [TypeOrmModule.forFeature([Survey, SurveyQuestion, SurveyOption, SurveyParticipation, SurveyResponse, SurveyAnswer]), CommitteesModule],
  controllers: [SurveysController, MeSurveysController],
  providers: [SurveysService, SurveyResponsesService, SurveyResultsService],
  exports: [SurveyResponsesService],
})
export class SurveysModule {}
