import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreateSurveyDto, UpdateSurveyDto } from './dto/survey.dto.js';
import { toSurveyDetail, toSurveyListItem, type SurveyDetail, type SurveyListItem } from './dto/survey.response.js';
import type { SurveyOption } from './survey-option.entity.js';
import type { SurveyQuestion } from './survey-question.entity.js';
import { SurveyResponseRepository } from './survey-response.repository.js';
import type { Survey } from './survey.entity.js';
import { SurveyRepository } from './survey.repository.js';
import { checkDefinition, structuralChanges, type StoredDefinition, type SurveyDefinition } from './survey-definition.js';
import { SurveyErrors } from './surveys.errors.js';
import { checkClose, checkOpen, checkRemove, checkUpdate, effectiveStatus, shownRespondents, visibleFrom } from './surveys.rules.js';

/**
 * Surveys and quizzes as staff manage them: the definition (create, replace), the lifecycle
 * (draft → open → closed, by hand or by time) and deletion, within the caller's committee subtree.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly tx: Transactions,
    private readonly surveys: SurveyRepository,
    private readonly responses: SurveyResponseRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  /** The survey (with its committee) if it exists in the caller's scope (404 otherwise), optionally locked for an update. */
  async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Survey> {
    const survey = await this.surveys.findInScope(tx, principal, id, lock);
    await this.withCommittees(tx, [survey]);
    return survey;
  }

  /** Sets each survey's `committee` (its target), read through the committees module. */
  async withCommittees(tx: Tx, surveys: Survey[]): Promise<void> {
    if (!surveys.length) return;
    const committees = await this.committees.byIds(tx, [...new Set(surveys.map((s) => s.committeeId))]);
    for (const s of surveys) s.committee = committees.get(s.committeeId);
  }

  /** The survey's questions with their options, in order. */
  loadQuestions(tx: Tx, surveyId: string): Promise<SurveyQuestion[]> {
    return this.surveys.loadQuestions(tx, surveyId);
  }

  /** What staff are told of the respondents: for an anonymous survey, nothing below k (surveys.rules.ts). */
  private shown(survey: Survey, counts: { total: number; released: number } | undefined, now = new Date()): number | null {
    return shownRespondents(survey, effectiveStatus(survey, now), counts ?? { total: 0, released: 0 }, this.config.SURVEY_ANONYMITY_K);
  }

  private async respondents(tx: Tx, id: string): Promise<{ total: number; released: number } | undefined> {
    return (await this.responses.respondentCounts(tx, [id])).get(id);
  }

  private async detail(tx: Tx, survey: Survey): Promise<SurveyDetail> {
    survey.questions = await this.surveys.loadQuestions(tx, survey.id);
    return toSurveyDetail(survey, this.shown(survey, await this.respondents(tx, survey.id)));
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<SurveyListItem>> {
    const tx = this.tx.none;
    const page = await this.surveys.list(tx, principal, query);
    await this.withCommittees(tx, page.items);
    const ids = page.items.map((s) => s.id);
    const counts = await this.responses.respondentCounts(tx, ids);
    const questions = await this.surveys.questionScores(tx, ids);
    const now = new Date();
    return {
      ...page,
      items: page.items.map((s) =>
        toSurveyListItem(
          s,
          this.shown(s, counts.get(s.id), now),
          questions.filter((q) => q.surveyId === s.id),
          now,
        ),
      ),
    };
  }

  async get(principal: Principal, id: string): Promise<SurveyDetail> {
    const tx = this.tx.none;
    return this.detail(tx, await this.findInScope(tx, principal, id));
  }

  async create(principal: Principal, dto: CreateSurveyDto): Promise<SurveyDetail> {
    const definition = checkDefinition(dto, null);
    return this.tx.run(async (tx) => {
      const committee = await this.targetCommittee(tx, principal, definition.committeeId);
      const saved = await this.surveys.insert(tx, {
        committeeId: committee.id,
        title: definition.title,
        description: definition.description,
        kind: definition.kind,
        status: 'draft',
        opensAt: definition.opensAt,
        closesAt: definition.closesAt,
        anonymous: definition.anonymous,
        resultsVisibility: definition.resultsVisibility,
        passMark: definition.passMark,
        createdBy: principal.id,
      });
      await this.writeQuestions(tx, saved.id, definition, []);
      await this.audit.record(tx, principal, {
        action: 'survey.create',
        entityType: 'survey',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, kind: saved.kind, anonymous: saved.anonymous, questions: definition.questions.length },
      });
      return this.detail(tx, await this.findInScope(tx, principal, saved.id));
    });
  }

  /**
   * Replaces the definition. Questions and options with an id are kept (and updated), those without
   * are created, stored ones left out are removed. What may change follows surveys.rules.ts
   * (checkUpdate): once the survey has answers only wording and dates (409 SURVEY_HAS_RESPONSES); a
   * closed survey only its wording (409 SURVEY_CLOSED). Anonymity and results visibility are fixed
   * once it is opened (409 SURVEY_PRIVACY_LOCKED): members answer on the terms they were shown, and
   * results cannot be made live to watch answers come in (outside review II, findings 3 and 4).
   */
  async update(principal: Principal, id: string, dto: UpdateSurveyDto): Promise<SurveyDetail> {
    return this.tx.run(async (tx) => {
      const survey = await this.findInScope(tx, principal, id, true);
      const questions = await this.surveys.loadQuestions(tx, id);
      const stored = storedDefinition(survey, questions);
      const next = checkDefinition(dto, stored);
      if (next.committeeId !== survey.committeeId) await this.targetCommittee(tx, principal, next.committeeId);

      const counts = await this.respondents(tx, id);
      const respondents = counts?.total ?? 0;
      const changes = structuralChanges(stored, next);
      const datesChanged = !sameTime(survey.opensAt, next.opensAt) || !sameTime(survey.closesAt, next.closesAt);
      checkUpdate(survey, next, { respondents, structural: changes, datesChanged });

      await this.surveys.update(tx, id, {
        committeeId: next.committeeId,
        title: next.title,
        description: next.description,
        kind: next.kind,
        opensAt: next.opensAt,
        closesAt: next.closesAt,
        anonymous: next.anonymous,
        resultsVisibility: next.resultsVisibility,
        passMark: next.passMark,
        // members see an opened survey from the later of its opening and opensAt
        ...(survey.status === 'open' ? { publishedAt: visibleFrom(survey.openedAt ?? new Date(), next.opensAt) } : {}),
      });
      await this.writeQuestions(tx, id, next, questions);
      await this.audit.record(tx, principal, {
        action: 'survey.update',
        entityType: 'survey',
        entityId: id,
        committeeId: next.committeeId,
        details: {
          title: next.title,
          structural: changes,
          datesChanged,
          respondents: survey.anonymous ? this.shown(survey, counts) : respondents,
        },
      });
      return this.detail(tx, await this.findInScope(tx, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.tx.run(async (tx) => {
      const survey = await this.findInScope(tx, principal, id, true);
      const before = await this.detail(tx, survey);
      checkRemove((await this.respondents(tx, id))?.total ?? 0);
      await this.surveys.delete(tx, id);
      await this.audit.record(tx, principal, {
        action: 'survey.delete',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title, kind: survey.kind, status: before.status },
      });
      return before;
    });
  }

  /** draft → open: needs a question to answer, and a closesAt (if any) still ahead (surveys.rules.ts, checkOpen). */
  async open(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.tx.run(async (tx) => {
      const survey = await this.findInScope(tx, principal, id, true);
      const questions = await this.surveys.loadQuestions(tx, id);
      const now = new Date();
      checkOpen(survey, questions, Boolean(survey.committee?.archivedAt), now);
      const publishedAt = visibleFrom(now, survey.opensAt);
      await this.surveys.update(tx, id, { status: 'open', openedAt: now, publishedAt });
      // the target committee's subtree, from when members see the survey; once per survey
      await this.notifications.publish(
        {
          kind: 'survey_published',
          title: `${survey.kind === 'quiz' ? 'Bài kiểm tra mới' : 'Khảo sát mới'}: ${survey.title}`,
          body: survey.description ?? '',
          link: { type: 'survey', id },
          audience: { committeeId: survey.committeeId },
          publishAt: publishedAt,
          dedupeKey: `survey:${id}`,
          createdBy: principal.id,
        },
        tx,
      );
      await this.audit.record(tx, principal, {
        action: 'survey.open',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title, opensAt: survey.opensAt?.toISOString() ?? null, closesAt: survey.closesAt?.toISOString() ?? null },
      });
      return this.detail(tx, await this.findInScope(tx, principal, id));
    });
  }

  /** open (or scheduled) → closed, at once. Closing is final. */
  async close(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.tx.run(async (tx) => {
      const survey = await this.findInScope(tx, principal, id, true);
      checkClose(survey);
      await this.surveys.update(tx, id, { status: 'closed', closedAt: new Date() });
      await this.audit.record(tx, principal, {
        action: 'survey.close',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title },
      });
      return this.detail(tx, await this.findInScope(tx, principal, id));
    });
  }

  /** A committee in the caller's scope to target; anything else is a 400 on committeeId. */
  private async targetCommittee(tx: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(tx, principal, committeeId, SurveyErrors.committeeNotFound);
    if (committee.archivedAt) throw SurveyErrors.committeeArchived();
    return committee;
  }

  /** Writes `definition.questions` over `current` (matched by id): update, insert, delete. */
  private async writeQuestions(tx: Tx, surveyId: string, definition: SurveyDefinition, current: SurveyQuestion[]): Promise<void> {
    const keep = new Set(definition.questions.flatMap((q) => (q.id ? [q.id] : [])));
    const gone = current.filter((q) => !keep.has(q.id)).map((q) => q.id);
    if (gone.length) await this.surveys.deleteQuestions(tx, gone);
    const currentById = new Map(current.map((q) => [q.id, q]));

    for (const [position, q] of definition.questions.entries()) {
      const fields = {
        position,
        type: q.type,
        text: q.text,
        required: q.required,
        minSelections: q.minSelections,
        maxSelections: q.maxSelections,
        points: q.points,
      };
      let questionId: string;
      const existing = q.id ? currentById.get(q.id) : undefined;
      if (existing) {
        questionId = existing.id;
        const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
        if (changed) await this.surveys.updateQuestion(tx, questionId, fields);
      } else {
        questionId = await this.surveys.insertQuestion(tx, surveyId, fields);
      }

      const storedOptions: SurveyOption[] = existing?.options ?? [];
      const keepOptions = new Set(q.options.flatMap((o) => (o.id ? [o.id] : [])));
      const goneOptions = storedOptions.filter((o) => !keepOptions.has(o.id)).map((o) => o.id);
      if (goneOptions.length) await this.surveys.deleteOptions(tx, goneOptions);
      const optionsById = new Map(storedOptions.map((o) => [o.id, o]));
      const inserts: Pick<SurveyOption, 'questionId' | 'position' | 'text' | 'correct'>[] = [];
      for (const [optionPosition, o] of q.options.entries()) {
        const stored = o.id ? optionsById.get(o.id) : undefined;
        if (!stored) {
          inserts.push({ questionId, position: optionPosition, text: o.text, correct: o.correct });
        } else if (stored.position !== optionPosition || stored.text !== o.text || stored.correct !== o.correct) {
          await this.surveys.updateOption(tx, stored.id, { position: optionPosition, text: o.text, correct: o.correct });
        }
      }
      if (inserts.length) await this.surveys.insertOptions(tx, inserts);
    }
  }
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export function storedDefinition(survey: Survey, questions: SurveyQuestion[]): StoredDefinition {
  return {
    kind: survey.kind,
    committeeId: survey.committeeId,
    anonymous: survey.anonymous,
    passMark: survey.passMark,
    closesAt: survey.closesAt,
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      minSelections: q.minSelections,
      maxSelections: q.maxSelections,
      points: q.points,
      options: (q.options ?? []).map((o) => ({ id: o.id, correct: o.correct })),
    })),
  };
}
