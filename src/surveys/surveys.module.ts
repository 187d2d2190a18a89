import { Module } from '@nestjs/common';
import { MembershipModule } from '../membership/membership.module.js';
import { MeSurveysController } from './me-surveys.controller.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';

/** Surveys and resolution-study quizzes: the staff desk (/api/surveys) and the members' side (/api/me/surveys). */
@Module({
  imports: [MembershipModule],
  controllers: [SurveysController, MeSurveysController],
  providers: [SurveysService, SurveyResponsesService, SurveyResultsService],
  exports: [SurveyResponsesService],
})
export class SurveysModule {}
