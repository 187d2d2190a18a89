import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { MemberRosterRepository, type RosterMember } from './member-roster.repository.js';

export type { RosterMember } from './member-roster.repository.js';

/** The current members of a committee subtree, as the accounts module's bulk issue needs them. */
@Injectable()
export class MemberRosterService {
  constructor(private readonly roster: MemberRosterRepository) {}

  /** The current members of the subtree at `path`, in tree order, then by name. */
  currentIn(path: string): Promise<RosterMember[]> {
    return this.roster.currentIn(path);
  }

  /** Of these members, the current ones in the subtree at `path`, in tree order, then by name. */
  currentAmong(tx: Tx, memberIds: string[], path: string): Promise<RosterMember[]> {
    return this.roster.currentAmong(tx, memberIds, path);
  }

  /** Of these members, those still current and in the subtree, locked until `tx` ends. */
  lockCurrentIn(tx: Tx, memberIds: string[], path: string): Promise<string[]> {
    return this.roster.lockCurrentIn(tx, memberIds, path);
  }

  /** id → full name of these members (current or not), for lists that show who did something. */
  fullNames(tx: Tx, memberIds: string[]): Promise<Map<string, string>> {
    return this.roster.fullNames(tx, memberIds);
  }

  /** The ids of the current members of the subtree at `path`. */
  currentIdsIn(tx: Tx, path: string): Promise<string[]> {
    return this.roster.currentIdsIn(tx, path);
  }
}
