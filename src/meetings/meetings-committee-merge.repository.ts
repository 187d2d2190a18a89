import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommitteeDependents, type CommitteeMerge, type CommitteeMergeParticipant } from '../committees/committee-dependents.js';
import { CommitteeErrors } from '../committees/committees.errors.js';
import { holdsMembers } from '../committees/committees.rules.js';
import type { Tx } from '../database/transactions.js';
import { StoredFileHolders, type StoredFileHolder } from '../documents/stored-file-holders.js';

/**
 * The meetings module's part in the committee tree and in the stored files:
 * - a committee with meetings, guidance or a monthly template is not deleted (its branch life is
 *   history); a merge moves its meetings and guidance to the target, and its template unless the
 *   target has one of its own (then the source's is dropped);
 * - an uploaded agenda paper holds its stored file (the documents module removes bytes no one uses),
 *   and an agenda attachment holds its library document (not deleted while attached).
 */
@Injectable()
export class MeetingsCommitteeMerge implements CommitteeMergeParticipant, StoredFileHolder, OnModuleInit {
  readonly name = 'meetings';
  /** Independent of the other participants' rows. */
  readonly order = 40;

  constructor(
    private readonly dependents: CommitteeDependents,
    private readonly fileHolders: StoredFileHolders,
  ) {}

  onModuleInit(): void {
    this.dependents.register(this);
    this.fileHolders.register(this);
  }

  async countIn(tx: Tx, committeeId: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `SELECT (SELECT count(*) FROM meetings WHERE committee_id = $1)
            + (SELECT count(*) FROM meeting_guidance WHERE committee_id = $1)
            + (SELECT count(*) FROM meeting_templates WHERE committee_id = $1) AS n`,
      [committeeId],
    );
    return Number(n);
  }

  async check(tx: Tx, { source, target }: CommitteeMerge): Promise<void> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM meetings WHERE committee_id = $1`, [source.id]);
    if (n > 0 && !holdsMembers(target.kind)) {
      throw CommitteeErrors.mergeTargetKind(`${source.name} has ${n} meeting(s); meetings belong to a branch or a grassroots organisation`);
    }
  }

  async move(tx: Tx, { source, target }: CommitteeMerge): Promise<number> {
    const meetings: unknown[] = await tx.query(
      `UPDATE meetings SET committee_id = $2, updated_at = now() WHERE committee_id = $1 RETURNING id`,
      [source.id, target.id],
    );
    const guidance: unknown[] = await tx.query(
      `UPDATE meeting_guidance SET committee_id = $2, updated_at = now() WHERE committee_id = $1 RETURNING id`,
      [source.id, target.id],
    );
    const template: unknown[] = await tx.query(
      `UPDATE meeting_templates SET committee_id = $2, updated_at = now()
        WHERE committee_id = $1 AND NOT EXISTS (SELECT 1 FROM meeting_templates WHERE committee_id = $2)
        RETURNING committee_id`,
      [source.id, target.id],
    );
    // the target keeps its own template; the source's has nothing left to describe
    await tx.query(`DELETE FROM meeting_templates WHERE committee_id = $1`, [source.id]);
    return meetings.length + guidance.length + template.length;
  }

  /** Agenda items (of meetings kept as history) that send the library document ahead. */
  async countUsingDocument(tx: Tx, documentId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM meeting_agenda_attachments WHERE document_id = $1`, [
      documentId,
    ]);
    return n;
  }

  async countUsing(tx: Tx, fileId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM meeting_agenda_attachments WHERE stored_file_id = $1`, [
      fileId,
    ]);
    return n;
  }
}
