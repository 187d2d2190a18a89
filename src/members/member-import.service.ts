import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import type { ApiError, RowProblem } from '../common/errors.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { CommitteesService, type CommitteeByCode } from '../committees/committees.service.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CreateMemberDto } from './dto/member.dto.js';
import type { MemberImportResult } from './dto/member-import-export.dto.js';
import {
  cellText,
  columnForHeader,
  convertCell,
  MEMBER_FILE_COLUMNS,
  type MemberFileColumn,
  type MemberFileField,
} from './member-file-format.js';
import { importLimits } from './import-limits.js';
import { HEADER_SEARCH_ROWS, readSheet, type SheetRow } from './member-file-reader.js';
import type { IdentityField } from './member-identity-conflict.entity.js';
import { IDENTITY_COLUMNS, lowestCommonCommittee, MemberIdentityService, type NewConflict } from './member-identity.service.js';
import {
  MemberImportRepository,
  type IdentityColumns,
  type ImportedMemberRow,
  type ImportedRecord,
  type ImportedTransfer,
  type MatchedMember,
} from './member-import.repository.js';
import { ImportErrors, ImportFileErrors } from './members.errors.js';
import { memberImportTemplate } from './member-import-template.js';
import { MEMBER_COMMITTEE_KINDS, memberStateProblems } from './members.rules.js';
import { constraintProblemCode, problem, RecordProblemCode, type RecordProblem } from './record-problems.js';

export const IMPORT_MAX_ROWS = 200_000;

/** The fields of a member record the file can set (the branch aside). */
const RECORD_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'partyCardNumber',
  'externalId',
  'status',
  'admittedAt',
  'officialAt',
  'exempted',
  'exemptedAt',
  'exemptedReason',
  'phone',
  'email',
  'notInstalledReason',
] as const;
type RecordField = (typeof RECORD_FIELDS)[number];
/** A member record as the import builds it; its values are checked (CreateMemberDto, memberStateProblems) before any is written. */
type MemberRecord = ImportedRecord;
type ExistingMember = MatchedMember;
/** Sets one field of a record being built from a file row (the value is checked afterwards). */
const setField = (r: MemberRecord, field: RecordField, value: unknown) => {
  (r as unknown as Record<RecordField, unknown>)[field] = value;
};

interface MappedColumn {
  index: number;
  column: MemberFileColumn;
  header: string;
}

interface Plan {
  creates: { id: string; after: MemberRecord; columns: IdentityColumns }[];
  updates: { id: string; after: MemberRecord; columns: IdentityColumns }[];
  /** Numbers held outside the caller's scope: recorded as pending conflicts by a real import, never shown to the caller. */
  conflicts: NewConflict[];
  /** (member, field) pairs whose number changes: earlier pending conflicts about them are withdrawn. */
  replaced: { memberId: string; field: IdentityField }[];
  transfers: ImportedTransfer[];
  unchanged: number;
  total: number;
}

/** The rows of a file to import, read and converted, with each row's problems by field. */
interface ParsedFile {
  format: 'csv' | 'xlsx';
  headerRow: number;
  columns: MappedColumn[];
  rows: { row: number; values: Partial<Record<MemberFileField, unknown>>; problems: Map<string, RecordProblem> }[];
}

const recordOf = (m: ExistingMember): MemberRecord => {
  const r = { committeeId: m.committeeId } as MemberRecord;
  for (const f of RECORD_FIELDS) setField(r, f, m[f]);
  return r;
};

/**
 * Member import: an .xlsx or .csv file upserted by party card number (or external id, or the
 * system id the export writes), all or nothing. Every row is checked with the API's own rules
 * (CreateMemberDto, memberStateProblems, committee scope); one bad row and nothing is written,
 * and the 422 answer lists every problem by row and column. The writes are set-based (no
 * per-row round trips) in one transaction with the audit line.
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly tx: Transactions,
    private readonly rows: MemberImportRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly identity: MemberIdentityService,
    private readonly config: AppConfig,
  ) {}

  async import(principal: Principal, file: { buffer: Buffer; filename: string }, dryRun: boolean): Promise<MemberImportResult> {
    const sheet = await readSheet(file.buffer, importLimits(this.config, IMPORT_MAX_ROWS));
    const audited = { file: file.filename.slice(0, 255), format: sheet.format, dryRun };
    let parsed: ParsedFile;
    try {
      parsed = parseRows(sheet.rows, sheet.format);
    } catch (e) {
      if (e instanceof RejectedFile) throw await this.rejected(principal, audited, 0, e.problems);
      throw e;
    }
    const total = parsed.rows.length;
    let plan: Plan;
    try {
      plan = await this.tx.run(async (m) => {
        const p = await this.plan(m, principal, parsed, !dryRun);
        if (!dryRun) await this.write(m, principal, p, file.filename, { ...audited, total });
        return p;
      });
    } catch (e) {
      if (e instanceof RejectedFile) throw await this.rejected(principal, audited, total, e.problems);
      throw e;
    }
    const result: MemberImportResult = {
      dryRun,
      total,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      transferred: plan.transfers.length,
      errors: [],
    };
    if (dryRun) {
      await this.audit.recordNow(principal, {
        action: 'member.import',
        entityType: 'member',
        committeeId: principal.committeeId,
        details: { ...audited, ...counts(result) },
      });
    }
    return result;
  }

  /** The import template (member-import-template.ts); its example row names the caller's own branch when they have one. */
  async template(principal: Principal): Promise<Buffer> {
    const home = principal.committeeId === null ? null : await this.committees.findById(this.tx.none, principal.committeeId);
    return memberImportTemplate(home && MEMBER_COMMITTEE_KINDS.includes(home.kind) ? home.code : null);
  }

  /** A rejected file is audited too (who tried to import what), then answered 422. */
  private async rejected(principal: Principal, audited: object, total: number, problems: RowProblem[]): Promise<ApiError> {
    await this.audit.recordNow(principal, {
      action: 'member.import',
      entityType: 'member',
      committeeId: principal.committeeId,
      details: { ...audited, total, rejected: true, problems: problems.length },
    });
    return ImportErrors.invalid(problems);
  }

  /** Matches every row against the register (a few set-based queries) and decides what to write. */
  private async plan(m: Tx, principal: Principal, file: ParsedFile, lock: boolean): Promise<Plan> {
    const present = new Set(file.columns.map((c) => c.column.field));
    const label = (field: string) =>
      file.columns.find((c) => c.column.field === field)?.header ?? MEMBER_FILE_COLUMNS.find((c) => c.field === field)?.header ?? field;

    // keys: duplicates inside the file first
    const firstRow = { id: new Map<string, number>(), partyCardNumber: new Map<string, number>(), externalId: new Map<string, number>() };
    const DUPLICATE = { id: 'member id', partyCardNumber: 'party card number', externalId: 'external id' };
    for (const r of file.rows) {
      if (typeof r.values.id === 'string' && !isUuid(r.values.id))
        r.problems.set('id', problem(RecordProblemCode.BadMemberId, 'not a member id from an export of this register'));
      for (const key of ['id', 'partyCardNumber', 'externalId'] as const) {
        const v = r.values[key];
        if (typeof v !== 'string' || !v || r.problems.has(key)) continue;
        const seen = firstRow[key].get(v);
        if (seen !== undefined) {
          r.problems.set(key, problem(RecordProblemCode.DuplicateInFile, `the same ${DUPLICATE[key]} as row ${seen}`, { row: seen }));
        } else firstRow[key].set(v, r.row);
      }
    }

    // committees and members are matched across the whole register, each marked whether it lies in the caller's scope
    const committees = await this.committeesByCode(m, principal, file);
    const existing = await this.rows.matching(
      m,
      principal,
      [...firstRow.id.keys()],
      [...firstRow.partyCardNumber.keys()],
      [...firstRow.externalId.keys()],
      lock,
    );
    const byId = new Map(existing.map((e) => [e.id, e]));
    // Only members in the caller's scope are matched or reported as holding a number. A number held
    // outside it is answered exactly like a free one (no row problem, the same counts) and becomes a
    // pending conflict for the lowest committee covering both records (member-identity.service.ts).
    const inScope = existing.filter((e) => e.inScope);
    const byCard = new Map(inScope.filter((e) => e.partyCardNumber).map((e) => [e.partyCardNumber as string, e]));
    const byExt = new Map(inScope.filter((e) => e.externalId).map((e) => [e.externalId as string, e]));
    const outside = { partyCardNumber: new Map<string, ExistingMember>(), externalId: new Map<string, ExistingMember>() };
    for (const e of existing.filter((x) => !x.inScope)) {
      for (const field of ['partyCardNumber', 'externalId'] as const) {
        const value = e[field];
        // the holder of the unique column first
        if (value && (!outside[field].has(value) || e.stored[field] === value)) outside[field].set(value, e);
      }
    }

    const plan: Plan = { creates: [], updates: [], transfers: [], conflicts: [], replaced: [], unchanged: 0, total: file.rows.length };
    /** The columns a record's numbers go to; unchanged numbers keep theirs. */
    const place = (memberId: string, after: MemberRecord, target?: ExistingMember): IdentityColumns => {
      const columns = {
        ...(target?.stored ?? { partyCardNumber: null, pendingPartyCardNumber: null, externalId: null, pendingExternalId: null }),
      };
      for (const field of ['partyCardNumber', 'externalId'] as const) {
        const value = (after[field] ?? null) as string | null;
        if (target && value === target[field]) continue;
        const holder = value ? outside[field].get(value) : undefined;
        const { unique, pending } = IDENTITY_COLUMNS[field];
        columns[unique] = holder ? null : value;
        columns[pending] = holder ? value : null;
        if (target) plan.replaced.push({ memberId, field });
        if (holder && value && principal.committeePath) {
          plan.conflicts.push({
            memberId,
            memberCommitteeId: after.committeeId!,
            field,
            value,
            holderId: holder.id,
            holderCommitteeId: holder.committeeId,
            committeeId: lowestCommonCommittee(principal.committeePath, holder.path),
          });
        }
      }
      return columns;
    };
    const rowOfMember = new Map<string, number>();
    const problems: RowProblem[] = [];

    for (const r of file.rows) {
      const v = r.values;
      const card = typeof v.partyCardNumber === 'string' ? v.partyCardNumber : null;
      const ext = typeof v.externalId === 'string' ? v.externalId : null;
      const id = typeof v.id === 'string' ? v.id : null;

      // which member the row is about: its system id, else its card number, else its external id
      let target: ExistingMember | undefined;
      let keyField: 'id' | 'partyCardNumber' | 'externalId' | undefined;
      if (!r.problems.has('id') && !r.problems.has('partyCardNumber') && !r.problems.has('externalId')) {
        const found = id ? byId.get(id) : card && byCard.has(card) ? byCard.get(card) : ext ? byExt.get(ext) : undefined;
        keyField = id ? 'id' : card && byCard.has(card) ? 'partyCardNumber' : ext && byExt.has(ext) ? 'externalId' : undefined;
        if (id && !found?.inScope) r.problems.set('id', problem(RecordProblemCode.MemberNotFound, 'no member with this id in your scope'));
        else if (found) {
          target = found;
          const otherCard = card ? byCard.get(card) : undefined;
          if (otherCard && otherCard.id !== target.id)
            r.problems.set(
              'partyCardNumber',
              problem(RecordProblemCode.PartyCardTakenByOther, 'another member already has this party card number'),
            );
          const otherExt = ext ? byExt.get(ext) : undefined;
          if (otherExt && otherExt.id !== target.id) {
            r.problems.set('externalId', problem(RecordProblemCode.ExternalIdTakenByOther, 'another member already has this external id'));
          }
          const earlier = rowOfMember.get(target.id);
          if (earlier !== undefined) {
            r.problems.set(keyField!, problem(RecordProblemCode.SameMemberAsRow, `the same member as row ${earlier}`, { row: earlier }));
          } else rowOfMember.set(target.id, r.row);
        }
      }
      if (r.problems.has('id') || r.problems.has('partyCardNumber') || r.problems.has('externalId')) {
        // without knowing which member the row is about, its other columns cannot be judged
        for (const [field, p] of r.problems) problems.push({ row: r.row, column: label(field), ...p });
        continue;
      }

      // the record as it would be after the import: the current one, overwritten by the file's columns
      const before = target ? recordOf(target) : undefined;
      const after: MemberRecord = before ? { ...before } : ({ exempted: false, committeeId: null } as MemberRecord);
      if (!before) for (const f of RECORD_FIELDS) setField(after, f, after[f] ?? null);
      for (const f of RECORD_FIELDS) if (present.has(f) && !r.problems.has(f)) setField(after, f, v[f] ?? null);
      if (after.email) after.email = String(after.email).toLowerCase();
      if (present.has('exempted') && after.exempted === false) {
        if (!present.has('exemptedAt')) after.exemptedAt = null;
        if (!present.has('exemptedReason')) after.exemptedReason = null;
      }
      for (const c of MEMBER_FILE_COLUMNS) {
        if (!c.required || r.problems.has(c.field)) continue;
        if (present.has(c.field) ? v[c.field] === null || v[c.field] === undefined : !target) {
          r.problems.set(
            c.field,
            present.has(c.field)
              ? problem(RecordProblemCode.Required, 'required')
              : problem(RecordProblemCode.RequiredColumnMissing, 'required (the file has no such column)'),
          );
        }
      }

      // the branch, by committee code, in the caller's scope
      if (present.has('committee') && typeof v.committee === 'string' && !r.problems.has('committee')) {
        const c = committees.get(v.committee) ?? committees.get(v.committee.toLowerCase());
        if (!c || !c.inScope)
          r.problems.set('committee', problem(RecordProblemCode.CommitteeNotFound, 'no committee with this code in your scope'));
        else if (c.id !== target?.committeeId && !MEMBER_COMMITTEE_KINDS.includes(c.kind)) {
          r.problems.set(
            'committee',
            problem(
              RecordProblemCode.CommitteeNotABranch,
              'members belong to a branch (chi bộ) or a grassroots chi bộ cơ sở, not to a higher committee',
            ),
          );
        } else if (c.id !== target?.committeeId && c.archived) {
          r.problems.set('committee', problem(RecordProblemCode.CommitteeArchived, 'this branch is archived (merged or dissolved)'));
        } else after.committeeId = c.id;
      }

      // the API's own rules: the create DTO, then the register's state rules
      const dto = plainToInstance(CreateMemberDto, { ...after, committeeId: after.committeeId ?? 1 });
      for (const error of validateSync(dto, { validationError: { target: false, value: false } })) {
        const field = error.property === 'committeeId' ? 'committee' : error.property;
        const [constraint, message] = Object.entries(error.constraints ?? {})[0] ?? ['', 'invalid'];
        if (!r.problems.has(field)) r.problems.set(field, problem(constraintProblemCode(error.property, constraint), message));
      }
      // the register's rules on every column that could be read, so that one check lists them all
      {
        const state = memberStateProblems({
          ...after,
          endState: target?.endState ?? null,
          endedAt: target?.endedAt ?? null,
          installedAt: target?.installed ? new Date() : null,
          // the file has no activity hold; an import leaves a stored one as it is (the CHECKs keep it whole)
          activityHold: null,
          activityHoldSince: null,
          activityHoldNote: null,
        });
        for (const [field, p] of Object.entries(state)) if (!r.problems.has(field)) r.problems.set(field, p);
      }

      if (!r.problems.size) {
        if (!target) {
          const newId = randomUUID();
          plan.creates.push({ id: newId, after, columns: place(newId, after) });
        } else {
          const changed = RECORD_FIELDS.some((f) => (after[f] ?? null) !== (before![f] ?? null));
          const moved = after.committeeId !== target.committeeId;
          if ((changed || moved) && target.endState) {
            r.problems.set(
              keyField!,
              problem(RecordProblemCode.MemberHasLeft, 'this member has left the register; bring them back in the dashboard first'),
            );
          } else if (changed || moved) {
            plan.updates.push({ id: target.id, after, columns: place(target.id, after, target) });
            if (moved) plan.transfers.push({ memberId: target.id, from: target.committeeId, to: after.committeeId! });
          } else plan.unchanged++;
        }
      }
      for (const [field, p] of r.problems) problems.push({ row: r.row, column: label(field), ...p });
    }
    if (problems.length) throw new RejectedFile(problems);
    return plan;
  }

  private async committeesByCode(m: Tx, principal: Principal, file: ParsedFile): Promise<Map<string, CommitteeByCode>> {
    const codes = [...new Set(file.rows.map((r) => r.values.committee).filter((c): c is string => typeof c === 'string'))];
    const map = new Map<string, CommitteeByCode>();
    if (!codes.length) return map;
    const rows = await this.committees.findByCodes(
      m,
      principal,
      codes.map((c) => c.toLowerCase()),
    );
    // the exact code first; a code typed in another case finds the committee when that is unambiguous
    const byLower = new Map<string, CommitteeByCode[]>();
    for (const c of rows) {
      map.set(c.code, c);
      byLower.set(c.code.toLowerCase(), [...(byLower.get(c.code.toLowerCase()) ?? []), c]);
    }
    for (const [lower, list] of byLower) if (list.length === 1 && !map.has(lower)) map.set(lower, list[0]);
    return map;
  }

  private async write(m: Tx, principal: Principal, plan: Plan, filename: string, audited: Record<string, unknown>): Promise<void> {
    const rowsOf = (batch: Plan['creates']): ImportedMemberRow[] => batch.map((b) => ({ ...b.after, ...b.columns, id: b.id }));
    await this.rows.insertMembers(m, rowsOf(plan.creates));
    await this.rows.updateMembers(m, rowsOf(plan.updates));
    const today = new Date().toISOString().slice(0, 10);
    const reason = `Nhập từ tệp "${filename.slice(0, 200)}"`;
    await this.rows.insertTransfers(m, plan.transfers, today, reason, principal.id);
    // numbers held outside the caller's scope: pending conflicts, audited with their values (always the same statements)
    await this.identity.record(m, principal, plan.conflicts, plan.replaced);
    // a transfer is audited like one made in the dashboard; the import itself is one line with its counts
    for (const t of plan.transfers) {
      await this.audit.record(m, principal, {
        action: 'member.transfer',
        entityType: 'member',
        entityId: t.memberId,
        committeeId: t.to,
        details: { from: t.from, to: t.to, on: today, kind: 'official', via: 'import' },
      });
    }
    await this.audit.record(m, principal, {
      action: 'member.import',
      entityType: 'member',
      committeeId: principal.committeeId,
      details: {
        ...audited,
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
        transferred: plan.transfers.length,
      },
    });
  }
}

class RejectedFile extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('rejected');
  }
}

const counts = (r: MemberImportResult) => ({
  total: r.total,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  transferred: r.transferred,
});

/**
 * Finds the header row (the first of the first rows that names two known columns), maps its
 * columns, and converts every data row's cells. Header problems reject the file at once.
 */
const ACCEPTED_HEADERS = MEMBER_FILE_COLUMNS.map((c) => c.header).join(', ');

export function parseRows(rows: SheetRow[], format: 'csv' | 'xlsx'): ParsedFile {
  const known = (cells: SheetRow['cells']) =>
    cells.filter((c) => {
      const k = columnForHeader(cellText(c));
      return k && k !== 'ignored';
    }).length;
  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => known(r.cells) >= 2);
  if (headerAt < 0) {
    throw new RejectedFile([
      {
        row: rows[0]?.row ?? 1,
        column: '',
        ...problem(
          RecordProblemCode.NoHeaderRow,
          `no header row: expected column headers such as ${MEMBER_FILE_COLUMNS.slice(0, 4)
            .map((c) => c.header)
            .join(', ')}`,
          {
            columns: MEMBER_FILE_COLUMNS.slice(0, 4)
              .map((c) => c.header)
              .join(', '),
          },
        ),
      },
    ]);
  }
  const header = rows[headerAt];
  const columns: MappedColumn[] = [];
  const problems: RowProblem[] = [];
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const column = columnForHeader(text);
    if (column === 'ignored') return;
    if (!column) {
      problems.push({
        row: header.row,
        column: text,
        ...problem(RecordProblemCode.UnknownColumn, `unknown column; accepted: ${ACCEPTED_HEADERS}`, { columns: ACCEPTED_HEADERS }),
      });
      return;
    }
    const twice = columns.find((c) => c.column.field === column.field);
    if (twice) {
      problems.push({
        row: header.row,
        column: text,
        ...problem(RecordProblemCode.DuplicateColumn, `the same column as "${twice.header}"`, { column: twice.header }),
      });
    } else columns.push({ index, column, header: text });
  });
  if (problems.length) throw new RejectedFile(problems);

  const data = rows.slice(headerAt + 1);
  if (!data.length) throw ImportErrors.noDataRows();
  if (data.length > IMPORT_MAX_ROWS) throw ImportFileErrors.tooManyRows(IMPORT_MAX_ROWS);
  return {
    format,
    headerRow: header.row,
    columns,
    rows: data.map((r) => {
      const values: Partial<Record<MemberFileField, unknown>> = {};
      const rowProblems = new Map<string, RecordProblem>();
      for (const { index, column } of columns) {
        const converted = convertCell(column, r.cells[index] ?? null);
        if ('error' in converted) rowProblems.set(column.field, converted.error);
        else values[column.field] = converted.value;
      }
      return { row: r.row, values, problems: rowProblems };
    }),
  };
}
