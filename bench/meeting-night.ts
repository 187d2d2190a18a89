/**
 * The national meeting evening of docs/scaling.md, in small: branches whose meetings are in
 * progress right now, their members checking in with the secretary's rotating code and voting on
 * open motions. bench/run.ts builds it once before the check-in and vote paths, resets it before
 * every measured run (so that every request of a run is a member's first check-in, or first vote,
 * at that meeting) and removes it at the end.
 *
 * Each of NIGHT_BRANCHES branches (spread over the provinces) gets MEETINGS_PER_BRANCH meetings in
 * progress, each with every current member of the branch invited and two open motions (one named,
 * one secret). A member with an account gets a session and an access token signed with the
 * benchmark's secret (as the app signs it), so that thousands of members call without thousands of
 * argon2id logins. Requests rotate over members first, then meetings, then motions: consecutive
 * requests are different members of different branches, as on the evening.
 */
import { checkInCode, codeWindow } from '../src/meetings/meetings.rules.js';
import { withClient } from './db.js';
import { signAccessToken } from './paths.js';

const TAG = 'BENCH-NIGHT';
export const NIGHT_BRANCHES = 400;
const MEETINGS_PER_BRANCH = 3;

export interface NightMember {
  memberId: string;
  token: string;
  official: boolean;
}

export interface NightMeeting {
  id: string;
  secret: string;
  /** Indexes into `members`. */
  members: number[];
  motions: string[];
}

export interface MeetingNight {
  members: NightMember[];
  meetings: NightMeeting[];
  /** One check-in: the k-th request of a run. */
  checkIn(k: number): { token: string; meetingId: string; code: string };
  /** One vote by a full member (already checked in): the k-th request of a run. */
  vote(k: number): { token: string; meetingId: string; motionId: string; choice: 'agree' | 'disagree' | 'other' };
  /** Check-ins possible before one repeats (a run must stay under it). */
  checkInPairs: number;
  votePairs: number;
}

/** Creates the evening's meetings, motions, sessions and tokens (removing an earlier evening first). */
export async function prepareMeetingNight(dbUrl: string, jwtSecret: string, ttlSeconds: number): Promise<MeetingNight> {
  await removeMeetingNight(dbUrl);
  return withClient(dbUrl, async (c) => {
    const month = `${new Date().toISOString().slice(0, 7)}-01`;
    // the branches: spread over the provinces, the same ones from run to run
    const branches = (
      await c.query(
        `SELECT id FROM committees WHERE kind = 'branch' AND archived_at IS NULL
          ORDER BY md5(id::text) LIMIT $1`,
        [NIGHT_BRANCHES],
      )
    ).rows.map((r) => r.id as number);
    const meetings = (
      await c.query(
        `INSERT INTO meetings (committee_id, kind, month, title, status, starts_at, ends_at, place, scheduled_at, started_at, checkin_secret)
         SELECT b, 'extraordinary', $2::date, $3 || ' ' || n, 'in_progress', now() - interval '5 minutes', now() + interval '3 hours',
                'Hội trường', now() - interval '1 day', now() - interval '5 minutes', encode(gen_random_bytes(32), 'hex')
           FROM unnest($1::int[]) b CROSS JOIN generate_series(1, $4) n
         RETURNING id, committee_id, checkin_secret`,
        [branches, month, TAG, MEETINGS_PER_BRANCH],
      )
    ).rows as { id: string; committee_id: number; checkin_secret: string }[];
    const ids = meetings.map((m) => m.id);
    await c.query(
      `INSERT INTO meeting_attendance (meeting_id, member_id, official, exempt, state)
       SELECT mt.id, mb.id, mb.status = 'official', mb.exempted, 'invited'
         FROM meetings mt JOIN members mb ON mb.committee_id = mt.committee_id AND mb.end_state IS NULL
        WHERE mt.id = ANY ($1::uuid[])`,
      [ids],
    );
    const motions = (
      await c.query(
        `INSERT INTO meeting_motions (meeting_id, position, title, secret, status, opened_at)
         SELECT m, p, CASE p WHEN 1 THEN 'Thông qua nghị quyết tháng' ELSE 'Giới thiệu đảng viên dự bị' END, p = 2, 'open', now()
           FROM unnest($1::uuid[]) m CROSS JOIN generate_series(1, 2) p
         RETURNING id, meeting_id`,
        [ids],
      )
    ).rows as { id: string; meeting_id: string }[];
    // the members who can call: those with an active member account, a session each
    const accounts = (
      await c.query(
        `SELECT u.id AS user_id, mb.id AS member_id, mb.committee_id, mb.status = 'official' AND NOT mb.exempted AS official
           FROM members mb JOIN users u ON u.member_id = mb.id AND u.role = 'member' AND u.is_active
          WHERE mb.committee_id = ANY ($1::int[]) AND mb.end_state IS NULL
          ORDER BY md5(mb.id::text)`,
        [branches],
      )
    ).rows as { user_id: string; member_id: string; committee_id: number; official: boolean }[];
    const sessions = (
      await c.query(
        `INSERT INTO auth_sessions (user_id, expires_at) SELECT u, now() + interval '1 day' FROM unnest($1::uuid[]) u RETURNING id, user_id`,
        [accounts.map((a) => a.user_id)],
      )
    ).rows as { id: string; user_id: string }[];
    const sessionOf = new Map(sessions.map((s) => [s.user_id, s.id]));
    const members: NightMember[] = accounts.map((a) => ({
      memberId: a.member_id,
      official: a.official,
      token: signAccessToken(jwtSecret, a.user_id, sessionOf.get(a.user_id)!, ttlSeconds),
    }));
    const branchMembers = new Map<number, number[]>();
    accounts.forEach((a, i) => branchMembers.set(a.committee_id, [...(branchMembers.get(a.committee_id) ?? []), i]));
    const motionsOf = new Map<string, string[]>();
    for (const m of motions) motionsOf.set(m.meeting_id, [...(motionsOf.get(m.meeting_id) ?? []), m.id]);
    const night: NightMeeting[] = meetings.map((m) => ({
      id: m.id,
      secret: m.checkin_secret,
      members: branchMembers.get(m.committee_id) ?? [],
      motions: motionsOf.get(m.id) ?? [],
    }));
    // every member's meetings, in order, so that request k maps to one (member, meeting[, motion])
    const meetingsOf = new Map<number, NightMeeting[]>();
    for (const m of night) for (const i of m.members) meetingsOf.set(i, [...(meetingsOf.get(i) ?? []), m]);
    const callers = members.map((_, i) => i).filter((i) => meetingsOf.has(i));
    const voters = callers.filter((i) => members[i].official);
    const choices = ['agree', 'agree', 'agree', 'disagree', 'other'] as const;
    return {
      members,
      meetings: night,
      checkInPairs: callers.length * MEETINGS_PER_BRANCH,
      votePairs: voters.length * MEETINGS_PER_BRANCH * 2,
      checkIn(k) {
        const i = callers[k % callers.length];
        const meeting = meetingsOf.get(i)![Math.floor(k / callers.length) % MEETINGS_PER_BRANCH];
        return { token: members[i].token, meetingId: meeting.id, code: checkInCode(meeting.secret, codeWindow(new Date())) };
      },
      vote(k) {
        const i = voters[k % voters.length];
        const round = Math.floor(k / voters.length);
        const meeting = meetingsOf.get(i)![round % MEETINGS_PER_BRANCH];
        const motionId = meeting.motions[Math.floor(round / MEETINGS_PER_BRANCH) % meeting.motions.length];
        return { token: members[i].token, meetingId: meeting.id, motionId, choice: choices[k % choices.length] };
      },
    };
  });
}

/**
 * Before a measured run: nobody has checked in yet ('checkIn'), or everybody has and nobody has
 * voted ('vote'); the check-in attempt counters are cleared either way.
 */
export async function resetMeetingNight(dbUrl: string, night: MeetingNight, phase: 'checkIn' | 'vote'): Promise<void> {
  const ids = night.meetings.map((m) => m.id);
  await withClient(dbUrl, async (c) => {
    await c.query(
      phase === 'checkIn'
        ? `UPDATE meeting_attendance SET state = 'invited', checked_in_at = NULL, check_in_method = NULL
            WHERE meeting_id = ANY ($1::uuid[]) AND state <> 'invited'`
        : `UPDATE meeting_attendance SET state = 'present', checked_in_at = now(), check_in_method = 'code'
            WHERE meeting_id = ANY ($1::uuid[]) AND state <> 'present'`,
      [ids],
    );
    await c.query(`DELETE FROM rate_limit_counters WHERE key LIKE 'meeting-checkin:%'`);
    if (phase === 'vote') {
      const motions = night.meetings.flatMap((m) => m.motions);
      await c.query(`DELETE FROM motion_votes WHERE motion_id = ANY ($1::uuid[])`, [motions]);
      await c.query(`DELETE FROM motion_voters WHERE motion_id = ANY ($1::uuid[])`, [motions]);
      await c.query(`DELETE FROM motion_secret_ballots WHERE motion_id = ANY ($1::uuid[])`, [motions]);
      await c.query(`UPDATE meeting_motions SET agree_count = 0, disagree_count = 0, other_count = 0 WHERE id = ANY ($1::uuid[])`, [
        motions,
      ]);
    }
    await c.query(`VACUUM ANALYZE meeting_attendance`);
  });
}

/** Removes the evening: its meetings (their rows go with them, ON DELETE CASCADE) and its sessions. */
export async function removeMeetingNight(dbUrl: string): Promise<void> {
  await withClient(dbUrl, async (c) => {
    await c.query(`DELETE FROM meetings WHERE title LIKE $1`, [`${TAG} %`]);
    // the evening's sessions are the benchmark database's only ones without a refresh token (a login always issues one)
    await c.query(`DELETE FROM auth_sessions s WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id)`);
  });
}
