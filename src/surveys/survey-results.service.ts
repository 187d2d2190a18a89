import type { CsvDelimiter } from '../common/csv.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MembersService } from '../members/members.service.js';
import type { ResultsExportFormat } from './dto/survey.dto.js';
import type { CommitteeParticipation, QuestionResult, QuizResult, SurveyResults, TextAnswerResult } from './dto/survey-results.response.js';
import { RATING_MAX, RATING_MIN, TEXT_TYPES, type SurveyQuestion } from './survey-question.entity.js';
import type { Survey } from './survey.entity.js';
import { isChoice, maxScore } from './survey-definition.js';
import { writeResultsFile, type ResultsFile } from './survey-results-file.js';
import { SurveyResultsRepository } from './survey-results.repository.js';
import { checkResultsVisible, effectiveStatus, onlyReleased, suppressedCells } from './surveys.rules.js';
import { SurveysService } from './surveys.service.js';

/** Text answers per question in the JSON results; the export carries all of them. */
export const TEXT_ANSWERS_SHOWN = 200;

/** `n` of `d` as a percentage with one decimal (0 when there is nothing to divide by). */
export function percent(n: number, d: number): number {
  return d > 0 ? Math.round((n * 1000) / d) / 10 : 0;
}
const rate = (n: number, d: number) => (d > 0 ? percent(n, d) : null);

/**
 * The results of a survey, computed on request with SQL aggregates (GROUP BY over the answers, never
 * a walk over every row in JS) inside one repeatable-read snapshot, so the figures agree with each
 * other. Staff in scope see them once the survey is closed, or while it runs if resultsVisibility is
 * `live`; before that they are hidden from everyone, admins included (403 RESULTS_NOT_YET_VISIBLE).
 * "Invited" counts the current members (not ended) of the target subtree at the time of the query.
 *
 * An anonymous survey's figures follow surveys.rules.ts: only its released answers (they come in
 * steps of at least k), and no figure for a group below k (the survey, a question's answerers, a
 * sub-committee, a day), texts only for questions with k answers and never per committee.
 */
@Injectable()
export class SurveyResultsService {
  constructor(
    private readonly tx: Transactions,
    private readonly rows: SurveyResultsRepository,
    private readonly surveys: SurveysService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async results(principal: Principal, id: string): Promise<SurveyResults> {
    const results = await this.compute(principal, id, TEXT_ANSWERS_SHOWN);
    await this.audit.recordNow(principal, {
      action: 'survey.results',
      entityType: 'survey',
      entityId: id,
      committeeId: results.committeeId,
      details: { respondents: results.respondents },
    });
    return results;
  }

  async export(principal: Principal, id: string, format: ResultsExportFormat, delimiter: CsvDelimiter = 'comma'): Promise<ResultsFile> {
    const results = await this.compute(principal, id, null);
    const file = await writeResultsFile(results, format, delimiter);
    await this.audit.recordNow(principal, {
      action: 'survey.results_export',
      entityType: 'survey',
      entityId: id,
      committeeId: results.committeeId,
      details: { format, respondents: results.respondents, anonymous: results.anonymous },
    });
    return file;
  }

  private compute(principal: Principal, id: string, textLimit: number | null): Promise<SurveyResults> {
    return this.tx.run('REPEATABLE READ', async (tx) => {
      const survey = await this.surveys.findInScope(tx, principal, id);
      checkResultsVisible(survey);
      const questions = await this.surveys.loadQuestions(tx, id);
      return this.aggregate(tx, survey, questions, textLimit);
    });
  }

  private async aggregate(tx: Tx, survey: Survey, questions: SurveyQuestion[], textLimit: number | null): Promise<SurveyResults> {
    const id = survey.id;
    const computedAt = new Date();
    const int = (v: unknown) => Number(v);
    const k = this.config.SURVEY_ANONYMITY_K;
    const anonymous = survey.anonymous;
    // the answers counted: an anonymous survey's released ones (surveys.rules.ts)
    const released = onlyReleased(survey, effectiveStatus(survey, computedAt));

    const respondents = await this.rows.respondents(tx, id, released);
    const hidden = anonymous && respondents < k;
    const invited = await this.members.countCurrentInSubtree(tx, survey.committeeId);

    // respondents per question, chosen options, ratings and texts: one GROUP BY each
    const answered = await this.rows.answeredPerQuestion(tx, id, released);
    const optionCounts = await this.rows.optionCounts(tx, id, released);
    const ratingRows = await this.rows.ratingCounts(tx, id, released);
    const averages = await this.rows.ratingAverages(tx, id, released);
    const texts = await this.textAnswers(tx, survey, textLimit, released);

    // a quiz: a response got a question right when it chose exactly the correct options
    const correctCounts = survey.kind === 'quiz' ? await this.rows.correctCounts(tx, id, released) : new Map<string, number>();

    const questionResults: QuestionResult[] = questions.map((q) => {
      const n = q.type === 'section' ? 0 : (answered.get(q.id) ?? 0);
      const textType = TEXT_TYPES.includes(q.type);
      const quizChoice = survey.kind === 'quiz' && isChoice(q.type);
      // anonymous: a question answered by fewer than k shows nothing (its answerers are a group below k)
      const off = anonymous && q.type !== 'section' && (hidden || n < k);
      const shown = <T>(v: T): T | null => (off ? null : v);
      return {
        questionId: q.id,
        position: q.position,
        text: q.text,
        type: q.type,
        required: q.required,
        answered: shown(n),
        skipped: shown(q.type === 'section' ? 0 : respondents - n),
        suppressed: off,
        options: isChoice(q.type)
          ? (q.options ?? []).map((o) => {
              const count = optionCounts.get(o.id) ?? 0;
              return {
                optionId: o.id,
                text: o.text,
                correct: survey.kind === 'quiz' ? o.correct : null,
                count: shown(count),
                percent: shown(percent(count, n)),
              };
            })
          : null,
        rating:
          q.type === 'rating'
            ? {
                average: shown(averages.get(q.id) ?? null),
                distribution: Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => {
                  const value = RATING_MIN + i;
                  const count = ratingRows.find((r) => r.question_id === q.id && r.value === value)?.n ?? 0;
                  return { value, count: shown(count), percent: shown(percent(count, n)) };
                }),
              }
            : null,
        textAnswers: textType ? (off ? [] : (texts.answers.get(q.id) ?? [])) : null,
        textAnswerCount: textType ? shown(texts.counts.get(q.id) ?? 0) : null,
        correctCount: quizChoice ? shown(correctCounts.get(q.id) ?? 0) : null,
        correctPercent: quizChoice ? shown(percent(correctCounts.get(q.id) ?? 0, respondents)) : null,
      };
    });

    const byDay = await this.rows.responsesByDay(tx, id, released);

    let quiz: QuizResult | null = null;
    if (survey.kind === 'quiz') {
      const max = maxScore(questions);
      const scores = await this.rows.scoreCounts(tx, id, released);
      const summary = await this.rows.quizSummary(tx, id, released);
      quiz = {
        maxScore: max,
        passMark: survey.passMark ?? 0,
        averageScore: hidden || summary.average === null ? null : Number(summary.average),
        passed: hidden ? null : summary.passed,
        passRate: hidden ? null : rate(summary.passed, respondents),
        scoreDistribution: Array.from({ length: max + 1 }, (_, score) => {
          const count = scores.find((s) => int(s.score) === score)?.n ?? 0;
          return { score, count: hidden ? null : count, percent: hidden ? null : percent(count, respondents) };
        }),
      };
    }

    return {
      surveyId: id,
      title: survey.title,
      kind: survey.kind,
      status: effectiveStatus(survey, computedAt),
      anonymous: survey.anonymous,
      committeeId: survey.committeeId,
      committeeName: survey.committee?.name ?? '',
      computedAt,
      invited,
      respondents: hidden ? null : respondents,
      suppressed: hidden,
      anonymityThreshold: anonymous ? k : null,
      responseRate: hidden ? null : rate(respondents, invited),
      questions: questionResults,
      participation: await this.participation(tx, survey, hidden),
      responsesByDay: hidden ? [] : this.days(byDay, anonymous ? k : 0),
      quiz,
    };
  }

  /** Answers per day; an anonymous survey's days below k (and those giving one away) suppressed. */
  private days(rows: { date: string; n: number }[], k: number) {
    const off = suppressedCells(
      rows.map((d) => d.n),
      k,
    );
    return rows.map((d, i) => ({ date: d.date, count: off[i] ? null : d.n, suppressed: off[i] }));
  }

  /**
   * Text answers per question (the first `limit` of each, all when null) and their counts. Those of
   * an anonymous survey carry no identity and come in alphabetical order, which says nothing about
   * who answered when; the others are ordered by branch and member.
   */
  private async textAnswers(tx: Tx, survey: Survey, limit: number | null, released: boolean) {
    const counts = await this.rows.textAnswerCounts(tx, survey.id, released);
    const identity = !survey.anonymous;
    const rows = await this.rows.textAnswers(tx, survey.id, released, identity, limit);
    const answers = new Map<string, TextAnswerResult[]>();
    for (const r of rows) {
      const list = answers.get(r.question_id) ?? answers.set(r.question_id, []).get(r.question_id)!;
      list.push({ text: r.text, memberName: identity ? r.member_name : null, committeeName: identity ? r.committee_name : null });
    }
    return { answers, counts };
  }

  /**
   * Participation per direct sub-committee of the target: its current members (invited) and the
   * members who answered while their branch lay in its subtree. The target's own members (members
   * attached to the target committee itself) form a row of their own when there are any.
   */
  private async participation(tx: Tx, survey: Survey, hidden: boolean): Promise<CommitteeParticipation[]> {
    const rows = await this.rows.participationByUnit(tx, survey.id, survey.committeeId);
    // anonymous: no row below k, nor the rows that would reveal one as the total minus the others
    const off = survey.anonymous
      ? suppressedCells(
          rows.map((r) => r.respondents),
          this.config.SURVEY_ANONYMITY_K,
        ).map((o) => o || hidden)
      : rows.map(() => false);
    return rows.map((r, i) => ({
      committeeId: r.id,
      committeeName: r.name,
      own: r.own,
      invited: r.invited,
      respondents: off[i] ? null : r.respondents,
      suppressed: off[i],
      rate: off[i] ? null : rate(r.respondents, r.invited),
    }));
  }
}

export type { ResultsFile };
