import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import type { Tx } from '../database/transactions.js';
import { toTransferResponse, type MemberTransferResponse } from './dto/member.response.js';
import type { Member } from './member.entity.js';
import { MemberRepository } from './member.repository.js';

/**
 * One member record for the modules above the register: the member's own side (self-service,
 * corrections, the personal-data export) reads and changes the record through these methods,
 * never through the members table. Every method runs in the caller's transaction `tx`.
 */
@Injectable()
export class MemberRecordsService {
  constructor(private readonly records: MemberRepository) {}

  /** The record, whatever the caller's scope (the member's own, or a name to show); locked when asked. */
  byId(tx: Tx, id: string, lock = false): Promise<Member | null> {
    return this.records.byId(tx, id, lock);
  }

  /** The record if it lies in the caller's scope, else null (it may have moved away); locked when asked. */
  scopedMember(tx: Tx, principal: Principal, id: string, lock = false): Promise<Member | null> {
    return this.records.inScopeOrNull(tx, principal, id, lock);
  }

  /** Writes columns of the record as given (the caller validated and audits them). */
  applyChanges(tx: Tx, id: string, values: Partial<Member>): Promise<void> {
    return this.records.update(tx, id, values);
  }

  /** The member's first app install: `installedAt` set, a reason for not installing cleared. */
  markInstalled(tx: Tx, id: string, at: Date): Promise<void> {
    return this.records.update(tx, id, { installedAt: at, notInstalledReason: null });
  }

  /** The member's transfer history, oldest first. */
  async transfersOf(tx: Tx, memberId: string): Promise<MemberTransferResponse[]> {
    return (await this.records.transfersOf(tx, memberId, 'ASC')).map(toTransferResponse);
  }
}
