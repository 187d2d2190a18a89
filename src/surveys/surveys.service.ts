import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import type { Committee } from '../committees/committee.entity.js';
import { AppConfig } from '../config/app-config.js';
import { CommitteesService } from '../committees/committees.service.js';
import type { CreateSurveyDto, UpdateSurveyDto } from './dto/survey.dto.js';
import { effectiveStatus, effectiveStatusSql, toSurveyDetail, toSurveyListItem, type SurveyDetail, type SurveyListItem } from './dto/survey.response.js';
import { SurveyOption } from './survey-option.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';
import { SURVEY_EFFECTIVE_STATUSES, SURVEY_KINDS, Survey } from './survey.entity.js';
import { shownRespondents } from './survey-anonymity.js';
import { canOpen, checkDefinition, structuralChanges, type StoredDefinition, type SurveyDefinition } from './survey-definition.js';
import { SurveyErrors } from './surveys.errors.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{"status": "open"}` filters on the status the API reports (the stored one read against the clock). */
const statusFilter: FilterHandler<Survey> = (qb, value, p) => {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || !list.every((v) => typeof v === 'string' && (SURVEY_EFFECTIVE_STATUSES as readonly string[]).includes(v))) {
    throw ApiError.badRequest('bad filter', { filter: `status must be one of: ${SURVEY_EFFECTIVE_STATUSES.join(', ')}` }, 'INVALID_LIST_QUERY');
  }
  qb.andWhere(`${effectiveStatusSql('s')} IN (:...${p})`, { [p]: list });
};

export const SURVEY_LIST: ListSpec<Survey> = {
  sortable: {
    id: 's.id',
    title: 's.title',
    kind: 's.kind',
    status: 's.status',
    opensAt: 's.opensAt',
    closesAt: 's.closesAt',
    publishedAt: 's.publishedAt',
    createdAt: 's.createdAt',
    updatedAt: 's.updatedAt',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 's.id',
  filters: {
    id: idsFilter('s.id', 'uuid'),
    q: searchFilter('s.title'),
    kind: enumFilter('s.kind', SURVEY_KINDS),
    status: statusFilter,
    committeeId: subtreeFilter('s.committee_id'),
    anonymous: boolFilter((v) => (v ? 's.anonymous' : 'NOT s.anonymous')),
  },
};

/**
 * Surveys and quizzes as staff manage them: the definition (create, replace), the lifecycle
 * (draft → open → closed, by hand or by time) and deletion, within the caller's committee subtree.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  private scoped(m: EntityManager, principal: Principal): SelectQueryBuilder<Survey> {
    return scopeByCommittee(m.getRepository(Survey).createQueryBuilder('s').leftJoinAndSelect('s.committee', 'c'), principal, 's.committee_id');
  }

  /** The survey if it exists in the caller's scope (404 otherwise), optionally locked for an update. */
  async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Survey> {
    if (!UUID.test(id)) throw SurveyErrors.notFound();
    const qb = this.scoped(m, principal).andWhere('s.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    const survey = await qb.getOne();
    if (!survey) throw SurveyErrors.notFound();
    return survey;
  }

  /** The survey's questions with their options, in order. */
  async loadQuestions(m: EntityManager, surveyId: string): Promise<SurveyQuestion[]> {
    return m
      .getRepository(SurveyQuestion)
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.options', 'o')
      .where('q.survey_id = :surveyId', { surveyId })
      .orderBy('q.position', 'ASC')
      .addOrderBy('o.position', 'ASC')
      .getMany();
  }

  /** Every answer stored, and the released ones (an anonymous survey's shown answers, survey-anonymity.ts). */
  private async respondentCounts(m: EntityManager, ids: string[]): Promise<Map<string, { total: number; released: number }>> {
    if (!ids.length) return new Map();
    const rows: { survey_id: string; total: number; released: number }[] = await m.query(
      `SELECT survey_id, count(*)::int AS total, (count(*) FILTER (WHERE released))::int AS released
         FROM survey_responses WHERE survey_id = ANY($1::uuid[]) GROUP BY survey_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.survey_id, { total: r.total, released: r.released }]));
  }

  /** What staff are told of the respondents: for an anonymous survey, nothing below k (survey-anonymity.ts). */
  private shown(survey: Survey, counts: { total: number; released: number } | undefined, now = new Date()): number | null {
    return shownRespondents(survey, effectiveStatus(survey, now), counts ?? { total: 0, released: 0 }, this.config.SURVEY_ANONYMITY_K);
  }

  private async detail(m: EntityManager, survey: Survey): Promise<SurveyDetail> {
    survey.questions = await this.loadQuestions(m, survey.id);
    return toSurveyDetail(survey, this.shown(survey, (await this.respondentCounts(m, [survey.id])).get(survey.id)));
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<SurveyListItem>> {
    const m = this.db.manager;
    const page = await runListQuery(this.scoped(m, principal), SURVEY_LIST, query);
    const ids = page.items.map((s) => s.id);
    const counts = await this.respondentCounts(m, ids);
    const questions = ids.length ? await m.find(SurveyQuestion, { select: { surveyId: true, type: true, points: true }, where: { surveyId: In(ids) } }) : [];
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
    return this.detail(this.db.manager, await this.findInScope(this.db.manager, principal, id));
  }

  async create(principal: Principal, dto: CreateSurveyDto): Promise<SurveyDetail> {
    const definition = checkDefinition(dto, null);
    return this.db.transaction(async (m) => {
      const committee = await this.targetCommittee(m, principal, definition.committeeId);
      const saved = await m.save(
        m.create(Survey, {
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
        }),
      );
      await this.writeQuestions(m, saved.id, definition, []);
      await this.audit.record(m, principal, {
        action: 'survey.create',
        entityType: 'survey',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, kind: saved.kind, anonymous: saved.anonymous, questions: definition.questions.length },
      });
      return this.detail(m, await this.findInScope(m, principal, saved.id));
    });
  }

  /**
   * Replaces the definition. Questions and options with an id are kept (and updated), those without
   * are created, stored ones left out are removed. Once the survey has answers only wording and
   * dates may change (409 SURVEY_HAS_RESPONSES); a closed survey only its wording (409
   * SURVEY_CLOSED). Anonymity and results visibility are fixed once it is opened (409
   * SURVEY_PRIVACY_LOCKED): members answer on the terms they were shown, and results cannot be
   * made live to watch answers come in (outside review II, findings 3 and 4).
   */
  async update(principal: Principal, id: string, dto: UpdateSurveyDto): Promise<SurveyDetail> {
    return this.db.transaction(async (m) => {
      const survey = await this.findInScope(m, principal, id, true);
      const questions = await this.loadQuestions(m, id);
      const stored = storedDefinition(survey, questions);
      const next = checkDefinition(dto, stored);
      if (next.committeeId !== survey.committeeId) await this.targetCommittee(m, principal, next.committeeId);

      const counts = (await this.respondentCounts(m, [id])).get(id);
      const respondents = counts?.total ?? 0;
      const changes = structuralChanges(stored, next);
      if (respondents > 0 && changes.length) throw SurveyErrors.hasResponses(changes);
      const status = effectiveStatus(survey);
      const datesChanged = !sameTime(survey.opensAt, next.opensAt) || !sameTime(survey.closesAt, next.closesAt);
      if (status === 'closed' && (changes.length || datesChanged)) throw SurveyErrors.closed();
      if (survey.status !== 'draft' && (next.anonymous !== survey.anonymous || next.resultsVisibility !== survey.resultsVisibility)) {
        throw SurveyErrors.privacyLocked();
      }
      if (survey.status === 'open' && !canOpen(next.kind, next.questions)) throw SurveyErrors.notAnswerable();

      await m.update(Survey, { id }, {
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
      await this.writeQuestions(m, id, next, questions);
      await this.audit.record(m, principal, {
        action: 'survey.update',
        entityType: 'survey',
        entityId: id,
        committeeId: next.committeeId,
        details: { title: next.title, structural: changes, datesChanged, respondents: survey.anonymous ? this.shown(survey, counts) : respondents },
      });
      return this.detail(m, await this.findInScope(m, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.db.transaction(async (m) => {
      const survey = await this.findInScope(m, principal, id, true);
      const before = await this.detail(m, survey);
      if (((await this.respondentCounts(m, [id])).get(id)?.total ?? 0) > 0) throw SurveyErrors.hasResponsesDelete();
      await m.delete(Survey, { id });
      await this.audit.record(m, principal, {
        action: 'survey.delete',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title, kind: survey.kind, status: before.status },
      });
      return before;
    });
  }

  /** draft → open: needs a question to answer, and a closesAt (if any) still ahead. */
  async open(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.db.transaction(async (m) => {
      const survey = await this.findInScope(m, principal, id, true);
      const status = effectiveStatus(survey);
      if (status === 'closed') throw SurveyErrors.closed();
      if (status !== 'draft') throw SurveyErrors.notDraft();
      const questions = await this.loadQuestions(m, id);
      if (!canOpen(survey.kind, questions)) throw SurveyErrors.notAnswerable();
      const now = new Date();
      if (survey.closesAt && survey.closesAt.getTime() <= now.getTime()) throw SurveyErrors.windowPassed();
      if (survey.committee?.archivedAt) throw SurveyErrors.committeeArchived();
      await m.update(Survey, { id }, { status: 'open', openedAt: now, publishedAt: visibleFrom(now, survey.opensAt) });
      await this.audit.record(m, principal, {
        action: 'survey.open',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title, opensAt: survey.opensAt?.toISOString() ?? null, closesAt: survey.closesAt?.toISOString() ?? null },
      });
      return this.detail(m, await this.findInScope(m, principal, id));
    });
  }

  /** open (or scheduled) → closed, at once. Closing is final. */
  async close(principal: Principal, id: string): Promise<SurveyDetail> {
    return this.db.transaction(async (m) => {
      const survey = await this.findInScope(m, principal, id, true);
      const status = effectiveStatus(survey);
      if (status === 'closed') throw SurveyErrors.closed();
      if (status === 'draft') throw SurveyErrors.notOpen();
      await m.update(Survey, { id }, { status: 'closed', closedAt: new Date() });
      await this.audit.record(m, principal, {
        action: 'survey.close',
        entityType: 'survey',
        entityId: id,
        committeeId: survey.committeeId,
        details: { title: survey.title },
      });
      return this.detail(m, await this.findInScope(m, principal, id));
    });
  }

  /** A committee in the caller's scope to target; anything else is a 400 on committeeId. */
  private async targetCommittee(m: EntityManager, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(m, principal, committeeId, SurveyErrors.committeeNotFound);
    if (committee.archivedAt) throw SurveyErrors.committeeArchived();
    return committee;
  }

  /** Writes `definition.questions` over `current` (matched by id): update, insert, delete. */
  private async writeQuestions(m: EntityManager, surveyId: string, definition: SurveyDefinition, current: SurveyQuestion[]): Promise<void> {
    const keep = new Set(definition.questions.flatMap((q) => (q.id ? [q.id] : [])));
    const gone = current.filter((q) => !keep.has(q.id)).map((q) => q.id);
    if (gone.length) await m.delete(SurveyQuestion, { id: In(gone) });
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
        if (changed) await m.update(SurveyQuestion, { id: questionId }, fields);
      } else {
        questionId = (await m.insert(SurveyQuestion, { surveyId, ...fields })).identifiers[0].id;
      }

      const storedOptions = existing?.options ?? [];
      const keepOptions = new Set(q.options.flatMap((o) => (o.id ? [o.id] : [])));
      const goneOptions = storedOptions.filter((o) => !keepOptions.has(o.id)).map((o) => o.id);
      if (goneOptions.length) await m.delete(SurveyOption, { id: In(goneOptions) });
      const optionsById = new Map(storedOptions.map((o) => [o.id, o]));
      const inserts: Partial<SurveyOption>[] = [];
      for (const [optionPosition, o] of q.options.entries()) {
        const stored = o.id ? optionsById.get(o.id) : undefined;
        if (!stored) {
          inserts.push({ questionId, position: optionPosition, text: o.text, correct: o.correct });
        } else if (stored.position !== optionPosition || stored.text !== o.text || stored.correct !== o.correct) {
          await m.update(SurveyOption, { id: stored.id }, { position: optionPosition, text: o.text, correct: o.correct });
        }
      }
      if (inserts.length) await m.insert(SurveyOption, inserts);
    }
  }
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** When members first see an opened survey: the later of its opening and opensAt. */
function visibleFrom(openedAt: Date, opensAt: Date | null): Date {
  return opensAt && opensAt.getTime() > openedAt.getTime() ? opensAt : openedAt;
}

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
