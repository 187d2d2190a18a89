import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { MeetingMotion } from './entities/meeting-motion.entity.js';
import type { VoteChoice } from './meetings.rules.js';

/** A named vote on an open motion, with the voter's name. */
export interface NamedVoteRow {
  memberId: string;
  fullName: string;
  choice: VoteChoice;
  otherText: string | null;
}

/** A named vote; no row back when the member already voted (bench/paths.ts runs the same, as the next three). */
export const NAMED_VOTE_SQL = `INSERT INTO motion_votes (motion_id, member_id, choice, other_text, voted_at) VALUES ($1, $2, $3, $4, now())
  ON CONFLICT DO NOTHING RETURNING motion_id`;
/** A secret ballot's has-voted marker; no row back when the member already voted. */
export const VOTER_SQL = `INSERT INTO motion_voters (motion_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING motion_id`;
/** A secret ballot's other-opinion text (no member, no time). */
export const SECRET_OTHER_SQL = `INSERT INTO motion_secret_ballots (motion_id, other_text) VALUES ($1, $2)`;
/** One more on a motion's counter of a choice (bench/paths.ts runs the same). */
export const COUNT_VOTE_SQL: Record<VoteChoice, string> = {
  agree: `UPDATE meeting_motions SET agree_count = agree_count + 1 WHERE id = $1`,
  disagree: `UPDATE meeting_motions SET disagree_count = disagree_count + 1 WHERE id = $1`,
  other: `UPDATE meeting_motions SET other_count = other_count + 1 WHERE id = $1`,
};

/** MotionsRepository.find (bench/paths.ts runs the same, locked): a motion ($1) of a meeting ($2), columns named as MeetingMotion's properties. */
export const MOTION_SQL = `SELECT m.id, m.meeting_id AS "meetingId", m.position, m.title, m.secret, m.status, m.agree_count AS "agreeCount",
    m.disagree_count AS "disagreeCount", m.other_count AS "otherCount", m.denominator, m.passed, m.opened_at AS "openedAt", m.closed_at AS "closedAt"
  FROM meeting_motions m WHERE m.id = $1 AND m.meeting_id = $2`;
export const MOTION_SQL_FOR_UPDATE = `${MOTION_SQL} FOR UPDATE`;

/**
 * The SQL of motions and votes. Open motions: motion_votes (who chose what). Secret motions: the
 * motion's counters, motion_secret_ballots (other-opinion texts only: no member, no time) and
 * motion_voters (has-voted markers, nothing of the ballot), written in one transaction.
 */
@Injectable()
export class MotionsRepository {
  async list(tx: Tx, meetingId: string): Promise<MeetingMotion[]> {
    return tx.getRepository(MeetingMotion).find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** A motion of this meeting (locked when asked: votes and the close queue on it), or null. A constant statement; the row made the entity by hand. */
  async find(tx: Tx, meetingId: string, motionId: string, lock = false): Promise<MeetingMotion | null> {
    const [row] = await tx.query(lock ? MOTION_SQL_FOR_UPDATE : MOTION_SQL, [motionId, meetingId]);
    return row ? Object.assign(new MeetingMotion(), row) : null;
  }

  async openMotions(tx: Tx, meetingId: string): Promise<MeetingMotion[]> {
    return tx
      .getRepository(MeetingMotion)
      .createQueryBuilder('m')
      .where(`m.meeting_id = :meetingId AND m.status = 'open'`, { meetingId })
      .orderBy('m.position', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async insert(tx: Tx, meetingId: string, title: string, secret: boolean): Promise<MeetingMotion> {
    const [{ next }]: { next: number }[] = await tx.query(
      `SELECT coalesce(max(position), 0)::int + 1 AS next FROM meeting_motions WHERE meeting_id = $1`,
      [meetingId],
    );
    const repo = tx.getRepository(MeetingMotion);
    return repo.save(repo.create({ meetingId, title, secret, position: next, openedAt: new Date() }));
  }

  async close(tx: Tx, motionId: string, denominator: number, passed: boolean): Promise<void> {
    await tx.getRepository(MeetingMotion).update({ id: motionId }, { status: 'closed', denominator, passed, closedAt: new Date() });
  }

  /** Members who voted, per motion (motion_votes for open motions, motion_voters for secret ones). */
  async votedCounts(tx: Tx, motionIds: string[]): Promise<Map<string, number>> {
    if (!motionIds.length) return new Map();
    const rows: { motion_id: string; n: number }[] = await tx.query(
      `SELECT motion_id, count(*)::int AS n FROM (
         SELECT motion_id FROM motion_votes WHERE motion_id = ANY($1::uuid[])
         UNION ALL
         SELECT motion_id FROM motion_voters WHERE motion_id = ANY($1::uuid[])) v
       GROUP BY motion_id`,
      [motionIds],
    );
    return new Map(rows.map((r) => [r.motion_id, r.n]));
  }

  /** The motions among `motionIds` the member voted on. */
  async votedBy(tx: Tx, memberId: string, motionIds: string[]): Promise<Set<string>> {
    if (!motionIds.length) return new Set();
    const rows: { motion_id: string }[] = await tx.query(
      `SELECT motion_id FROM motion_votes WHERE member_id = $1 AND motion_id = ANY($2::uuid[])
       UNION SELECT motion_id FROM motion_voters WHERE member_id = $1 AND motion_id = ANY($2::uuid[])`,
      [memberId, motionIds],
    );
    return new Set(rows.map((r) => r.motion_id));
  }

  /** The "other opinion" texts per motion, sorted by text (never in arrival order). */
  async otherOpinions(tx: Tx, motionIds: string[]): Promise<Map<string, string[]>> {
    if (!motionIds.length) return new Map();
    const rows: { motion_id: string; text: string }[] = await tx.query(
      `SELECT motion_id, text FROM (
         SELECT motion_id, other_text AS text FROM motion_secret_ballots WHERE motion_id = ANY($1::uuid[])
         UNION ALL
         SELECT motion_id, other_text AS text FROM motion_votes WHERE motion_id = ANY($1::uuid[]) AND other_text IS NOT NULL) o
       ORDER BY motion_id, text COLLATE "C"`,
      [motionIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.motion_id, [...(out.get(r.motion_id) ?? []), r.text]);
    return out;
  }

  /** The named votes of open motions, by name. */
  async namedVotes(tx: Tx, motionIds: string[]): Promise<Map<string, NamedVoteRow[]>> {
    if (!motionIds.length) return new Map();
    const rows: { motion_id: string; member_id: string; full_name: string; choice: VoteChoice; other_text: string | null }[] =
      await tx.query(
        `SELECT v.motion_id, v.member_id, m.full_name, v.choice, v.other_text
         FROM motion_votes v JOIN members m ON m.id = v.member_id
        WHERE v.motion_id = ANY($1::uuid[])
        ORDER BY v.motion_id, m.name_sort_key, v.member_id`,
        [motionIds],
      );
    const out = new Map<string, NamedVoteRow[]>();
    for (const r of rows) {
      const vote = { memberId: r.member_id, fullName: r.full_name, choice: r.choice, otherText: r.other_text };
      out.set(r.motion_id, [...(out.get(r.motion_id) ?? []), vote]);
    }
    return out;
  }

  /** A named vote; false when the member already voted (the primary key, also under a race). */
  async insertNamedVote(tx: Tx, motionId: string, memberId: string, choice: VoteChoice, otherText: string | null): Promise<boolean> {
    const rows: unknown[] = await tx.query(NAMED_VOTE_SQL, [motionId, memberId, choice, otherText]);
    if (!rows.length) return false;
    await this.count(tx, motionId, choice);
    return true;
  }

  /**
   * A secret ballot: the has-voted marker (its primary key refuses a second ballot, also under a
   * race), one more on the choice's counter, and for "other" its text in a row with no member and
   * no time. False when the member already voted (nothing written).
   */
  async insertSecretBallot(tx: Tx, motionId: string, memberId: string, choice: VoteChoice, otherText: string | null): Promise<boolean> {
    const rows: unknown[] = await tx.query(VOTER_SQL, [motionId, memberId]);
    if (!rows.length) return false;
    await this.count(tx, motionId, choice);
    if (choice === 'other') await tx.query(SECRET_OTHER_SQL, [motionId, otherText]);
    return true;
  }

  private async count(tx: Tx, motionId: string, choice: VoteChoice): Promise<void> {
    await tx.query(COUNT_VOTE_SQL[choice], [motionId]);
  }
}
