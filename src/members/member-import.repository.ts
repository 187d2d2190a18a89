import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { inScopeSql, scopePath } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import type { EndState, Gender, MemberStatus, NotInstalledReason } from './member.entity.js';

/** Rows per INSERT/UPDATE statement: set-based writes, a few round trips for 100,000 rows. */
const WRITE_BATCH = 5_000;

/** The fields of a member record an import file sets, the branch included. */
export interface ImportedRecord {
  fullName: string;
  gender: Gender;
  birthDate: string;
  partyCardNumber: string | null;
  externalId: string | null;
  status: MemberStatus;
  admittedAt: string;
  officialAt: string | null;
  exempted: boolean;
  exemptedAt: string | null;
  exemptedReason: string | null;
  phone: string | null;
  email: string | null;
  notInstalledReason: NotInstalledReason | null;
  committeeId: number | null;
}

/** Where a record's identity numbers are stored: the unique columns, or pending (member-identity.service.ts). */
export interface IdentityColumns {
  partyCardNumber: string | null;
  pendingPartyCardNumber: string | null;
  externalId: string | null;
  pendingExternalId: string | null;
}

/** An existing member matched by id, party card number or external id (numbers as readers see them, pending ones in place). */
export interface MatchedMember extends ImportedRecord {
  id: string;
  path: string;
  stored: IdentityColumns;
  committeeId: number;
  endState: EndState | null;
  endedAt: string | null;
  installed: boolean;
  inScope: boolean;
}

/** A member row an import writes: the record, where its numbers go, its id (chosen beforehand for a new one). */
export type ImportedMemberRow = ImportedRecord & IdentityColumns & { id: string };

/** A transfer an import makes (audited like one made in the dashboard). */
export interface ImportedTransfer {
  memberId: string;
  from: number;
  to: number;
}

/** The import's set-based statements on `members` and `member_transfers`, all in the import's transaction. */
@Injectable()
export class MemberImportRepository {
  /**
   * Every member holding one of the ids, card numbers or external ids (in either column), inside the
   * caller's scope or not (`inScope` tells), with its branch's path; `lock` takes them FOR UPDATE.
   */
  async matching(
    tx: Tx,
    principal: Principal,
    ids: string[],
    cards: string[],
    externalIds: string[],
    lock: boolean,
  ): Promise<MatchedMember[]> {
    if (!ids.length && !cards.length && !externalIds.length) return [];
    return tx.query(
      `SELECT m.id, m.full_name AS "fullName", m.gender, m.birth_date::text AS "birthDate",
              COALESCE(m.party_card_number, m.pending_party_card_number) AS "partyCardNumber",
              COALESCE(m.external_id, m.pending_external_id) AS "externalId", m.status,
              json_build_object('partyCardNumber', m.party_card_number, 'pendingPartyCardNumber', m.pending_party_card_number,
                                'externalId', m.external_id, 'pendingExternalId', m.pending_external_id) AS stored,
              c.path::text AS path,
              m.admitted_at::text AS "admittedAt", m.official_at::text AS "officialAt", m.exempted,
              m.exempted_at::text AS "exemptedAt", m.exempted_reason AS "exemptedReason", m.phone, m.email,
              m.committee_id AS "committeeId", m.not_installed_reason AS "notInstalledReason",
              m.end_state AS "endState", m.ended_at::text AS "endedAt", m.installed_at IS NOT NULL AS installed,
              ${inScopeSql('c.path', '$4')} AS "inScope"
         FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE m.id = ANY($1::uuid[]) OR m.party_card_number = ANY($2::varchar[]) OR m.external_id = ANY($3::varchar[])
           OR m.pending_party_card_number = ANY($2::varchar[]) OR m.pending_external_id = ANY($3::varchar[])
        ${lock ? 'FOR UPDATE OF m' : ''}`,
      [ids, cards, externalIds, scopePath(principal)],
    );
  }

  async insertMembers(tx: Tx, rows: ImportedMemberRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      await tx.query(
        `INSERT INTO members (full_name, gender, birth_date, party_card_number, external_id, status, admitted_at, official_at,
                              exempted, exempted_at, exempted_reason, phone, email, committee_id, not_installed_reason,
                              pending_party_card_number, pending_external_id, id)
         SELECT * FROM unnest(${TYPES})`,
        columns(rows.slice(i, i + WRITE_BATCH)),
      );
    }
  }

  async updateMembers(tx: Tx, rows: ImportedMemberRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await tx.query(
        `UPDATE members m SET full_name = v.full_name, gender = v.gender, birth_date = v.birth_date,
                party_card_number = v.party_card_number, external_id = v.external_id, status = v.status,
                admitted_at = v.admitted_at, official_at = v.official_at, exempted = v.exempted, exempted_at = v.exempted_at,
                exempted_reason = v.exempted_reason, phone = v.phone, email = v.email, committee_id = v.committee_id,
                not_installed_reason = v.not_installed_reason, pending_party_card_number = v.pending_party_card_number,
                pending_external_id = v.pending_external_id, updated_at = now()
           FROM unnest(${TYPES})
             AS v(full_name, gender, birth_date, party_card_number, external_id, status, admitted_at, official_at,
                  exempted, exempted_at, exempted_reason, phone, email, committee_id, not_installed_reason,
                  pending_party_card_number, pending_external_id, id)
          WHERE m.id = v.id`,
        columns(batch),
      );
    }
  }

  /** The transfers' history rows, all dated `on`, official, with one reason. */
  async insertTransfers(tx: Tx, transfers: ImportedTransfer[], on: string, reason: string, actorId: string): Promise<void> {
    for (let i = 0; i < transfers.length; i += WRITE_BATCH) {
      const batch = transfers.slice(i, i + WRITE_BATCH);
      await tx.query(
        `INSERT INTO member_transfers (member_id, from_committee_id, to_committee_id, transferred_on, kind, reason, actor_id)
         SELECT v.member_id, v.from_id, v.to_id, $4::date, 'official', $5, $6::uuid
           FROM unnest($1::uuid[], $2::int[], $3::int[]) AS v(member_id, from_id, to_id)`,
        [batch.map((t) => t.memberId), batch.map((t) => t.from), batch.map((t) => t.to), on, reason, actorId],
      );
    }
  }
}

const TYPES = `$1::varchar[], $2::varchar[], $3::date[], $4::varchar[], $5::varchar[], $6::varchar[], $7::date[], $8::date[],
                   $9::boolean[], $10::date[], $11::text[], $12::varchar[], $13::varchar[], $14::int[], $15::varchar[],
                   $16::varchar[], $17::varchar[], $18::uuid[]`;

/** The rows as one array per column, in the order of TYPES. */
const columns = (rows: ImportedMemberRow[]) => [
  rows.map((r) => r.fullName),
  rows.map((r) => r.gender),
  rows.map((r) => r.birthDate),
  rows.map((r) => r.partyCardNumber),
  rows.map((r) => r.externalId),
  rows.map((r) => r.status),
  rows.map((r) => r.admittedAt),
  rows.map((r) => r.officialAt),
  rows.map((r) => r.exempted),
  rows.map((r) => r.exemptedAt),
  rows.map((r) => r.exemptedReason),
  rows.map((r) => r.phone),
  rows.map((r) => r.email),
  rows.map((r) => r.committeeId),
  rows.map((r) => r.notInstalledReason),
  rows.map((r) => r.pendingPartyCardNumber),
  rows.map((r) => r.pendingExternalId),
  rows.map((r) => r.id),
];
