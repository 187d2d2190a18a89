import { Injectable } from '@nestjs/common';
import { cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { localDate } from '../common/dates.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MembersService } from '../members/members.service.js';
import type { SubmitSurveyResponseDto } from './dto/submission.dto.js';
import type { MySurveysQuery } from './dto/survey.dto.js';
import {
  toMySurveyDetail,
  toMySurveyListItem,
  type MySurveyDetail,
  type MySurveyPage,
  type SurveySubmissionResult,
} from './dto/survey.response.js';
import type { MySurveyAnswerRecord, MySurveyRecord } from './dto/survey-personal-data.response.js';
import { checkAnswers, scoreQuiz } from './survey-answers.js';
import { SurveyResponseRepository } from './survey-response.repository.js';
import { SurveyRepository } from './survey.repository.js';
import { SurveyErrors } from './surveys.errors.js';
import { checkSubmission } from './surveys.rules.js';
import { SurveysService } from './surveys.service.js';

/**
 * The members' side (the mobile app): the surveys that target them (sent by their committee or
 * one above it: a survey invites its committee's whole subtree), and answering one.
 * A draft, a scheduled survey, or one sent to another subtree is a 404 here like a missing one.
 */
@Injectable()
export class SurveyResponsesService {
  constructor(
    private readonly tx: Transactions,
    private readonly surveyRows: SurveyRepository,
    private readonly responses: SurveyResponseRepository,
    private readonly surveys: SurveysService,
    private readonly members: MembersService,
    private readonly config: AppConfig,
  ) {}

  /** The open surveys sent to the caller, newest first, with whether they answered. */
  async list(principal: Principal, query: MySurveysQuery): Promise<MySurveyPage> {
    const tx = this.tx.none;
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    const page = cursorPage(await this.surveyRows.listOpenFor(tx, principal, query.cursor, limit), limit);
    await this.surveys.withCommittees(tx, page.items);
    const ids = page.items.map((s) => s.id);
    const counts = await this.surveyRows.answerableCounts(tx, ids);
    const answered = principal.memberId ? await this.responses.answeredAmong(tx, principal.memberId, ids) : new Set<string>();
    return { items: page.items.map((s) => toMySurveyListItem(s, counts.get(s.id) ?? 0, answered.has(s.id))), nextCursor: page.nextCursor };
  }

  /**
   * One survey to answer (or that has closed), without the quiz's correct options and points.
   * The place to hook per-view analytics is here (one call per detail read).
   */
  async read(principal: Principal, id: string): Promise<MySurveyDetail> {
    const tx = this.tx.none;
    if (!isUuid(id)) throw SurveyErrors.notFound();
    const survey = await this.surveyRows.findTargeted(tx, principal, id);
    if (!survey) throw SurveyErrors.notFound();
    await this.surveys.withCommittees(tx, [survey]);
    survey.questions = await this.surveyRows.loadQuestions(tx, id);
    return toMySurveyDetail(survey, principal.memberId ? await this.responses.hasAnswered(tx, id, principal.memberId) : false);
  }

  /**
   * The surveys and quizzes the member answered, for their personal-data export: every
   * participation, and for a survey that is not anonymous the answers in the words the member saw.
   * An anonymous survey's answers are not linked to anyone, so they cannot be listed (null).
   */
  async personalData(tx: Tx, memberId: string): Promise<MySurveyRecord[]> {
    const rows = await this.responses.participationsOf(tx, memberId);
    const answers = await this.responses.answersOf(
      tx,
      rows.flatMap((r) => (r.response_id ? [r.response_id] : [])),
    );
    const byResponse = new Map<string, Map<string, MySurveyAnswerRecord>>();
    for (const a of answers) {
      const questions = byResponse.get(a.response_id) ?? new Map<string, MySurveyAnswerRecord>();
      byResponse.set(a.response_id, questions);
      const answer = questions.get(a.question_id) ?? { question: a.question, type: a.type, options: [], text: null, value: null };
      questions.set(a.question_id, answer);
      if (a.option !== null) answer.options.push(a.option);
      if (a.text !== null) answer.text = a.text;
      if (a.value !== null) answer.value = a.value;
    }
    return rows.map((r) => ({
      surveyId: r.survey_id,
      title: r.title,
      kind: r.kind,
      anonymous: r.anonymous,
      respondedOn: r.responded_on,
      score: r.score,
      passed: r.passed,
      answers: r.anonymous ? null : [...(byResponse.get(r.response_id ?? '')?.values() ?? [])],
    }));
  }

  /**
   * Records a member's answer, all or nothing. The survey row is share-locked, so an edit of its
   * questions or a close waits for the answers in flight (and they for it). One answer per member:
   * the participation row goes in first, and its primary key turns a second (or a simultaneous)
   * answer into 409 ALREADY_RESPONDED. For an anonymous survey the response row carries neither
   * the member nor their committee, and the participation row does not point at the response; its
   * waiting answers are released into the results once at least k wait (surveys.rules.ts): its
   * figures then move only in steps of k or more answers.
   */
  async submit(principal: Principal, id: string, dto: SubmitSurveyResponseDto): Promise<SurveySubmissionResult> {
    const memberId = principal.memberId;
    if (!memberId) throw SurveyErrors.notAMember();
    if (!isUuid(id)) throw SurveyErrors.notFound();
    return this.tx.run(async (tx) => {
      const survey = await this.surveyRows.findTargeted(tx, principal, id, true);
      if (!survey) throw SurveyErrors.notFound();
      checkSubmission(survey, dto.anonymous);
      const committeeId = await this.members.currentCommitteeId(tx, memberId);
      if (committeeId === null) throw SurveyErrors.notAMember();
      if (await this.responses.hasAnswered(tx, id, memberId)) throw SurveyErrors.alreadyResponded();

      // every answer is checked before anything is written
      const questions = await this.surveyRows.loadQuestions(tx, id);
      const definitions = questions.map((q) => ({ ...q, options: q.options ?? [] }));
      const rows = checkAnswers(definitions, dto.answers);
      const quiz = survey.kind === 'quiz' ? scoreQuiz(definitions, rows) : null;
      const passed = quiz ? quiz.score >= (survey.passMark ?? 0) : null;
      const today = localDate();

      const written = await this.responses.insertSubmission(tx, {
        surveyId: id,
        memberId,
        committeeId,
        respondedOn: today,
        anonymous: survey.anonymous,
        score: quiz?.score ?? null,
        passed,
        answers: rows,
      });
      if (!written) throw SurveyErrors.alreadyResponded();
      if (survey.anonymous) await this.responses.release(tx, id, this.config.SURVEY_ANONYMITY_K);

      return {
        surveyId: id,
        submittedOn: today,
        score: quiz?.score ?? null,
        maxScore: quiz?.maxScore ?? null,
        passMark: quiz ? survey.passMark : null,
        passed,
        questions: quiz?.questions ?? null,
      };
    });
  }
}
