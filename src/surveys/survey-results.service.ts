import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import type { ResultsExportFormat } from './dto/survey.dto.js';
import type { CommitteeParticipation, QuestionResult, QuizResult, SurveyResults, TextAnswerResult } from './dto/survey-results.response.js';
import { effectiveStatus } from './dto/survey.response.js';
import { RATING_MAX, RATING_MIN, TEXT_TYPES, type SurveyQuestion } from './survey-question.entity.js';
import type { Survey } from './survey.entity.js';
import { onlyReleased, suppressedCells } from './survey-anonymity.js';
import { isChoice, maxScore } from './survey-definition.js';
import { writeResultsFile, type ResultsFile } from './survey-results-file.js';
import { SurveyErrors } from './surveys.errors.js';
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
 * An anonymous survey's figures follow survey-anonymity.ts: only its released answers (they come in
 * steps of at least k), and no figure for a group below k (the survey, a question's answerers, a
 * sub-committee, a day), texts only for questions with k answers and never per committee.
 */
@Injectable()
export class SurveyResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly surveys: SurveysService,
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

  async export(principal: Principal, id: string, format: ResultsExportFormat): Promise<ResultsFile> {
    const results = await this.compute(principal, id, null);
    const file = await writeResultsFile(results, format);
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
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const survey = await this.surveys.findInScope(m, principal, id);
      const status = effectiveStatus(survey);
      if (survey.resultsVisibility !== 'live' && status !== 'closed') throw SurveyErrors.resultsHidden();
      const questions = await this.surveys.loadQuestions(m, id);
      return this.aggregate(m, survey, questions, textLimit);
    });
  }

  private async aggregate(m: EntityManager, survey: Survey, questions: SurveyQuestion[], textLimit: number | null): Promise<SurveyResults> {
    const id = survey.id;
    const computedAt = new Date();
    const int = (v: unknown) => Number(v);
    const k = this.config.SURVEY_ANONYMITY_K;
    const anonymous = survey.anonymous;
    // the answers counted: an anonymous survey's released ones (survey-anonymity.ts)
    const released = onlyReleased(survey, effectiveStatus(survey, computedAt));
    const R = released ? 'AND released' : '';
    const RA = released ? 'AND a.response_id IN (SELECT id FROM survey_responses WHERE survey_id = $1 AND released)' : '';

    const [{ respondents }]: { respondents: number }[] = await m.query(`SELECT count(*)::int AS respondents FROM survey_responses WHERE survey_id = $1 ${R}`, [id]);
    const hidden = anonymous && respondents < k;
    const [{ invited }]: { invited: number }[] = await m.query(
      `SELECT count(*)::int AS invited
         FROM members mb JOIN committees c ON c.id = mb.committee_id
        WHERE mb.end_state IS NULL AND c.path <@ (SELECT path FROM committees WHERE id = $1)`,
      [survey.committeeId],
    );

    // respondents per question, chosen options, ratings and texts: one GROUP BY each
    const answeredRows: { question_id: string; n: number }[] = await m.query(
      `SELECT a.question_id, count(DISTINCT a.response_id)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 ${RA} GROUP BY a.question_id`,
      [id],
    );
    const answered = new Map(answeredRows.map((r) => [r.question_id, r.n]));
    const optionRows: { option_id: string; n: number }[] = await m.query(
      `SELECT a.option_id, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.option_id IS NOT NULL ${RA} GROUP BY a.option_id`,
      [id],
    );
    const optionCounts = new Map(optionRows.map((r) => [r.option_id, r.n]));
    const ratingRows: { question_id: string; value: number; n: number }[] = await m.query(
      `SELECT a.question_id, a.value::int AS value, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.value IS NOT NULL ${RA} GROUP BY a.question_id, a.value`,
      [id],
    );
    const ratingAverages: { question_id: string; average: number }[] = await m.query(
      `SELECT a.question_id, round(avg(a.value), 2)::float8 AS average
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.value IS NOT NULL ${RA} GROUP BY a.question_id`,
      [id],
    );
    const averages = new Map(ratingAverages.map((r) => [r.question_id, r.average]));
    const texts = await this.textAnswers(m, survey, textLimit, RA);

    const correctCounts = new Map<string, number>();
    if (survey.kind === 'quiz') {
      // a response got a question right when it chose exactly the correct options
      const rows: { question_id: string; n: number }[] = await m.query(
        `WITH picks AS (
           SELECT a.response_id, a.question_id, count(*) AS chosen, count(*) FILTER (WHERE o.correct) AS right_chosen
             FROM survey_answers a
             JOIN survey_options o ON o.id = a.option_id
             JOIN survey_questions q ON q.id = a.question_id
            WHERE q.survey_id = $1 ${RA}
            GROUP BY a.response_id, a.question_id),
         needed AS (
           SELECT o.question_id, count(*) FILTER (WHERE o.correct) AS n
             FROM survey_options o JOIN survey_questions q ON q.id = o.question_id
            WHERE q.survey_id = $1 GROUP BY o.question_id)
         SELECT p.question_id, count(*)::int AS n
           FROM picks p JOIN needed ON needed.question_id = p.question_id
          WHERE needed.n > 0 AND p.chosen = needed.n AND p.right_chosen = needed.n
          GROUP BY p.question_id`,
        [id],
      );
      for (const r of rows) correctCounts.set(r.question_id, r.n);
    }

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
              return { optionId: o.id, text: o.text, correct: survey.kind === 'quiz' ? o.correct : null, count: shown(count), percent: shown(percent(count, n)) };
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

    const byDay: { date: string; n: number }[] = await m.query(
      `SELECT submitted_on::text AS date, count(*)::int AS n FROM survey_responses WHERE survey_id = $1 ${R} GROUP BY submitted_on ORDER BY submitted_on`,
      [id],
    );

    let quiz: QuizResult | null = null;
    if (survey.kind === 'quiz') {
      const max = maxScore(questions);
      const scores: { score: number; n: number }[] = await m.query(
        `SELECT score, count(*)::int AS n FROM survey_responses WHERE survey_id = $1 ${R} GROUP BY score`,
        [id],
      );
      const [summary]: { passed: number; average: number | null }[] = await m.query(
        `SELECT count(*) FILTER (WHERE passed)::int AS passed, round(avg(score), 2)::float8 AS average FROM survey_responses WHERE survey_id = $1 ${R}`,
        [id],
      );
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
      participation: await this.participation(m, survey, hidden),
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
  private async textAnswers(m: EntityManager, survey: Survey, limit: number | null, RA: string) {
    const counts: { question_id: string; n: number }[] = await m.query(
      `SELECT a.question_id, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.text IS NOT NULL ${RA} GROUP BY a.question_id`,
      [survey.id],
    );
    const identity = !survey.anonymous;
    const rows: { question_id: string; text: string; member_name: string | null; committee_name: string | null }[] = await m.query(
      `SELECT question_id, text, member_name, committee_name FROM (
         SELECT a.question_id, a.text,
                ${identity ? 'mb.full_name' : 'NULL'} AS member_name,
                ${identity ? 'c.name' : 'NULL'} AS committee_name,
                row_number() OVER (PARTITION BY a.question_id ORDER BY ${identity ? 'c.name, mb.full_name, a.id' : 'a.text, a.id'}) AS rn
           FROM survey_answers a
           JOIN survey_questions q ON q.id = a.question_id
           ${identity ? 'JOIN survey_responses r ON r.id = a.response_id LEFT JOIN members mb ON mb.id = r.member_id LEFT JOIN committees c ON c.id = r.committee_id' : ''}
          WHERE q.survey_id = $1 AND a.text IS NOT NULL ${RA}
       ) t
       WHERE $2::int IS NULL OR rn <= $2::int
       ORDER BY question_id, rn`,
      [survey.id, limit],
    );
    const answers = new Map<string, TextAnswerResult[]>();
    for (const r of rows) {
      const list = answers.get(r.question_id) ?? answers.set(r.question_id, []).get(r.question_id)!;
      list.push({ text: r.text, memberName: identity ? r.member_name : null, committeeName: identity ? r.committee_name : null });
    }
    return { answers, counts: new Map(counts.map((c) => [c.question_id, c.n])) };
  }

  /**
   * Participation per direct sub-committee of the target: its current members (invited) and the
   * members who answered while their branch lay in its subtree. The target's own members (members
   * attached to the target committee itself) form a row of their own when there are any.
   */
  private async participation(m: EntityManager, survey: Survey, hidden: boolean): Promise<CommitteeParticipation[]> {
    const rows: { id: number; name: string; own: boolean; invited: number; respondents: number }[] = await m.query(
      `WITH t AS (SELECT id, path, nlevel(path) AS lvl FROM committees WHERE id = $2),
       inv AS (
         SELECT CASE WHEN nlevel(c.path) > t.lvl THEN ltree2text(subpath(c.path, t.lvl, 1))::int ELSE t.id END AS unit, count(*) AS n
           FROM members mb JOIN committees c ON c.id = mb.committee_id CROSS JOIN t
          WHERE mb.end_state IS NULL AND c.path <@ t.path
          GROUP BY 1),
       resp AS (
         SELECT CASE WHEN nlevel(c.path) > t.lvl THEN ltree2text(subpath(c.path, t.lvl, 1))::int ELSE t.id END AS unit, count(*) AS n
           FROM survey_participations p JOIN committees c ON c.id = p.committee_id CROSS JOIN t
          WHERE p.survey_id = $1 AND c.path <@ t.path
          GROUP BY 1)
       SELECT u.id, u.name, (u.id = t.id) AS own, COALESCE(inv.n, 0)::int AS invited, COALESCE(resp.n, 0)::int AS respondents
         FROM committees u CROSS JOIN t
         LEFT JOIN inv ON inv.unit = u.id
         LEFT JOIN resp ON resp.unit = u.id
        WHERE (u.parent_id = t.id AND (u.archived_at IS NULL OR inv.n > 0 OR resp.n > 0))
           OR (u.id = t.id AND (inv.n > 0 OR resp.n > 0))
        ORDER BY (u.id = t.id) DESC, u.name, u.id`,
      [survey.id, survey.committeeId],
    );
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
