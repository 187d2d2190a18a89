import { JwtService } from '@nestjs/jwt';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/common/roles.js';
import type { User } from '../../src/auth/user.entity.js';
import type { Committee } from '../../src/committees/committee.entity.js';
import { SurveyOption } from '../../src/surveys/survey-option.entity.js';
import { SurveyQuestion, type QuestionType } from '../../src/surveys/survey-question.entity.js';
import { Survey } from '../../src/surveys/survey.entity.js';
import { createUser } from './index.js';

let seq = 0;

export interface QuestionSpec {
  text?: string;
  type: QuestionType;
  required?: boolean;
  minSelections?: number | null;
  maxSelections?: number | null;
  points?: number | null;
  options?: (string | { text: string; correct?: boolean })[];
}

export type CreatedSurvey = Survey & { questions: (SurveyQuestion & { options: SurveyOption[] })[] };

/** One required single-choice question: agree or not. */
const DEFAULT_QUESTIONS: QuestionSpec[] = [
  { type: 'single', required: true, text: 'Đồng chí có đồng ý với dự thảo?', options: ['Đồng ý', 'Không đồng ý'] },
];

/**
 * A survey straight through the repositories, open now (answers taken) unless `status` says otherwise.
 * Quizzes get a passMark of 1 unless given.
 */
export async function createSurvey(
  db: DataSource,
  committee: Committee,
  over: Partial<Omit<Survey, 'questions'>> & { questions?: QuestionSpec[] } = {},
): Promise<CreatedSurvey> {
  const n = ++seq;
  const { questions: specs = DEFAULT_QUESTIONS, ...fields } = over;
  const kind = fields.kind ?? 'survey';
  const status = fields.status ?? 'open';
  const now = new Date();
  const survey = await db.getRepository(Survey).save(
    db.getRepository(Survey).create({
      committeeId: committee.id,
      title: `Khảo sát số ${n} của ${committee.name}`,
      description: null,
      kind,
      status,
      anonymous: false,
      resultsVisibility: 'after_close',
      passMark: kind === 'quiz' ? 1 : null,
      openedAt: status === 'draft' ? null : now,
      publishedAt: status === 'draft' ? null : now,
      closedAt: status === 'closed' ? now : null,
      ...fields,
    }),
  );
  const questions: CreatedSurvey['questions'] = [];
  for (const [position, spec] of specs.entries()) {
    const question = await db.getRepository(SurveyQuestion).save({
      surveyId: survey.id,
      position,
      type: spec.type,
      text: spec.text ?? `Câu hỏi ${position + 1}`,
      required: spec.required ?? false,
      minSelections: spec.minSelections ?? null,
      maxSelections: spec.maxSelections ?? null,
      points: spec.points ?? (kind === 'quiz' && (spec.type === 'single' || spec.type === 'multiple') ? 1 : null),
    });
    const options = await db.getRepository(SurveyOption).save(
      (spec.options ?? []).map((o, i) => ({
        questionId: question.id,
        position: i,
        text: typeof o === 'string' ? o : o.text,
        correct: typeof o === 'string' ? false : (o.correct ?? false),
      })),
    );
    questions.push(Object.assign(question, { options }));
  }
  return Object.assign(survey, { questions });
}

export interface MemberAccount {
  memberId: string;
  userId: string;
  committeeId: number;
  token: string;
}

/**
 * `count` members spread over `committees` (round robin), each with a member account, a session and a
 * signed access token: set-based SQL and the app's own JwtService, because logging in a thousand
 * accounts one by one (argon2) would take minutes.
 */
export async function createMemberAccounts(
  app: INestApplication,
  db: DataSource,
  committees: Committee[],
  count: number,
): Promise<MemberAccount[]> {
  const batch = ++seq;
  const ids = committees.map((c) => c.id);
  const rows: { member_id: string; user_id: string; committee_id: number; session_id: string }[] = await db.query(
    `WITH m AS (
       INSERT INTO members (full_name, gender, birth_date, status, admitted_at, official_at, committee_id)
       SELECT 'Đảng viên ' || $3 || '-' || g, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, DATE '1985-01-01', 'official',
              DATE '2010-01-01', DATE '2011-01-01', ($1::int[])[1 + (g - 1) % cardinality($1::int[])]
         FROM generate_series(1, $2::int) g
       RETURNING id, committee_id, full_name),
     u AS (
       INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id)
       SELECT 'dv.' || $3 || '.' || replace(m.id::text, '-', ''), 'not-a-password-hash', m.full_name, 'member', m.committee_id, m.id FROM m
       RETURNING id, member_id, committee_id),
     s AS (
       INSERT INTO auth_sessions (user_id, expires_at) SELECT u.id, now() + interval '1 day' FROM u RETURNING id, user_id)
     SELECT u.member_id, u.id AS user_id, u.committee_id, s.id AS session_id FROM u JOIN s ON s.user_id = u.id`,
    [ids, count, `${batch}${Date.now().toString(36)}`],
  );
  const jwt = app.get(JwtService, { strict: false });
  return Promise.all(
    rows.map(async (r) => ({
      memberId: r.member_id,
      userId: r.user_id,
      committeeId: r.committee_id,
      token: await jwt.signAsync({ sub: r.user_id, sid: r.session_id }),
    })),
  );
}

/**
 * An account of `role` with a session and a signed access token, without the login route: the
 * surveys suites need dozens of accounts, and logging each in (argon2, the login rate limit) is
 * what the auth suites test, not these.
 */
export async function signedIn(
  t: { app: INestApplication; db: DataSource },
  role: Role,
  committee: Committee | null,
  over: Partial<User> = {},
): Promise<{ user: User; token: string }> {
  const user = await createUser(t.db, role, committee, over);
  const [session]: { id: string }[] = await t.db.query(
    `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [user.id],
  );
  const token = await t.app.get(JwtService, { strict: false }).signAsync({ sub: user.id, sid: session.id });
  return { user, token };
}

/** The access token of a new account of `role` (see {@link signedIn}). */
export async function signedToken(t: { app: INestApplication; db: DataSource }, role: Role, committee: Committee | null): Promise<string> {
  return (await signedIn(t, role, committee)).token;
}
