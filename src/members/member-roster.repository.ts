import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { subtreeOf } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';

/** A current member as a bulk issue of accounts lists them: with their branch's name. */
export interface RosterMember {
  memberId: string;
  fullName: string;
  committeeId: number;
  committeeName: string;
}

/**
 * The current members of a committee subtree, for the accounts module's bulk issue
 * (MemberRosterService). Kept apart from the register's own SQL.
 */
@Injectable()
export class MemberRosterRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The current members of the subtree at `path`, in tree order, then by name. */
  async currentIn(path: string): Promise<RosterMember[]> {
    const rows: { id: string; full_name: string; committee_id: number; committee_name: string }[] = await this.db.query(
      `SELECT m.id, m.full_name, m.committee_id, c.name AS committee_name
         FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE ${subtreeOf('c.path', '$1')} AND m.end_state IS NULL
        ORDER BY c.path, m.name_sort_key, m.id`,
      [path],
    );
    return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, committeeId: r.committee_id, committeeName: r.committee_name }));
  }

  /** Of these members, the current ones in the subtree at `path`, in tree order, then by name. */
  async currentAmong(tx: Tx, memberIds: string[], path: string): Promise<RosterMember[]> {
    const rows: { id: string; full_name: string; committee_id: number; committee_name: string }[] = await tx.query(
      `SELECT m.id, m.full_name, m.committee_id, c.name AS committee_name
         FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE m.id = ANY($1::uuid[]) AND m.end_state IS NULL AND ${subtreeOf('c.path', '$2')}
        ORDER BY c.path, m.name_sort_key, m.id`,
      [memberIds, path],
    );
    return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, committeeId: r.committee_id, committeeName: r.committee_name }));
  }

  /** Of these members, those still current and in the subtree at `path`, locked (FOR UPDATE) until the transaction ends. */
  async lockCurrentIn(tx: Tx, memberIds: string[], path: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT m.id FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE m.id = ANY($1::uuid[]) AND m.end_state IS NULL AND ${subtreeOf('c.path', '$2')}
        ORDER BY m.id
          FOR UPDATE OF m`,
      [memberIds, path],
    );
    return rows.map((r) => r.id);
  }

  /** id → full name of these members (current or not). */
  async fullNames(tx: Tx, memberIds: string[]): Promise<Map<string, string>> {
    if (memberIds.length === 0) return new Map();
    const rows: { id: string; full_name: string }[] = await tx.query(`SELECT id, full_name FROM members WHERE id = ANY($1::uuid[])`, [
      [...new Set(memberIds)],
    ]);
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }

  /** The ids of the current members of the subtree at `path`. */
  async currentIdsIn(tx: Tx, path: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT m.id FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE ${subtreeOf('c.path', '$1')} AND m.end_state IS NULL`,
      [path],
    );
    return rows.map((r) => r.id);
  }
}
