import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainText } from '../../src/faq/vietnamese-text.js';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { Faq } from '../../src/faq/faq.entity.js';
import { UnansweredQuestion } from '../../src/faq/unanswered-question.entity.js';
import { CorrectionRequest } from '../../src/self-service/correction-request.entity.js';
import { MemberIdentityConflict } from '../../src/members/member-identity-conflict.entity.js';
import { Training } from '../../src/trainings/training.entity.js';
import { createDocument, pdfBytes } from '../factories/content.js';
import { createCommittee, createMember, createTree, createUser, login, TEST_PASSWORD } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createSurvey, type CreatedSurvey } from '../factories/surveys.js';
import { changedTables, tableDigests, type TableDigests } from '../support/table-digests.js';
import {
  csvCommas,
  csvManyLines,
  csvOneLine,
  deepXmlXlsx,
  entityExpansionXlsx,
  hugeCellXlsx,
  inlineRowsXlsx,
  lyingSizeXlsx,
  manySheetsXlsx,
  sharedStringsBomb,
} from '../support/upload-bombs.js';
import { skipRequestCheck } from '../support/openapi-contract.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  hostileBody,
  nearValidBody,
  queryValue,
  resolve,
  validValue,
  type Body,
  type Hints,
  type OpenApiDocument,
  type Schema,
} from './openapi-arbitraries.js';

/**
 * Fuzzing every write route of openapi.json (and the query strings of the GET routes) with
 * bodies generated from its request schema: valid, near-valid and hostile. For every request:
 * never a 5xx; a 4xx answers the one error body and changes no table; a 2xx of a create or an
 * update answers the record, and reading it back gives the same record with the accepted fields.
 *
 * `npm run test:fuzz` (both databases in CI). FUZZ_SEED=<n> replays a run (a failure prints its
 * seed), FUZZ_SEED=random explores; FUZZ_RUNS sets the runs per route and flavour (default 15).
 */

const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20_251_126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const QUERY_RUNS = Number(process.env.FUZZ_QUERY_RUNS ?? 10);
const doc: OpenApiDocument = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));

/** Tables a request may write whatever it answers: the audit trail (refusals are audited), the rate-limit counters. */
const ALWAYS_WRITTEN = ['audit_log', 'rate_limit_counters'];
/** Auth routes record failed logins, sessions, device tokens and replaced password hashes by design. */
const AUTH_WRITES = ['users', 'auth_sessions', 'refresh_tokens', 'login_devices', 'password_history'];
/** Asking the FAQ a question nobody answered puts it in the queue of unanswered questions (a GET that writes, by design). */
const WRITES_BY_DESIGN: Record<string, string[]> = { answerFaq: ['unanswered_questions'] };

type Flavour = 'valid' | 'near' | 'hostile';
const FLAVOURS: Flavour[] = ['valid', 'near', 'hostile'];

interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  op: any;
  jsonSchema?: Schema;
  multipart: boolean;
}

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  (['post', 'put', 'patch', 'get'] as const)
    .filter((m) => item[m])
    .map((method) => ({
      id: item[method].operationId as string,
      method,
      path,
      op: item[method],
      jsonSchema: item[method].requestBody?.content?.['application/json']?.schema,
      multipart: !!item[method].requestBody?.content?.['multipart/form-data'],
    })),
);
const writeOps = operations.filter((o) => o.method !== 'get');
const queryOps = operations.filter((o) => o.method === 'get' && (o.op.parameters ?? []).some((p: any) => p.in === 'query'));
/** Routes that change who may log in, or end sessions: they run last, with accounts of their own. */
const LAST = ['logout', 'changePassword', 'mergeCommittee', 'purgeExpiredEvents'];
writeOps.sort((a, b) => Number(LAST.includes(a.id)) - Number(LAST.includes(b.id)));

interface Fixtures {
  tree: Awaited<ReturnType<typeof createTree>>;
  ids: Record<string, string | number>;
  survey: CreatedSurvey;
}

/** The record of the test data that each `{param}` route acts on. */
const PATH_FIXTURES: Record<string, string> = {
  '/api/committees/{id}': 'committeeToEdit',
  '/api/committees/{id}/merge': 'mergeSource',
  '/api/committees/{id}/phase': 'grassA',
  '/api/corrections/{id}/approve': 'correction',
  '/api/corrections/{id}/reject': 'correction2',
  '/api/documents/{id}': 'document',
  '/api/documents/{id}/file': 'document',
  '/api/faqs/{id}': 'faq',
  '/api/faqs/unanswered/{id}/convert': 'unanswered',
  '/api/faqs/unanswered/{id}/dismiss': 'unanswered2',
  '/api/faqs/unanswered/{id}/link': 'unanswered3',
  '/api/me/bookmarks/{documentId}': 'document',
  '/api/me/surveys/{id}': 'openSurvey',
  '/api/me/surveys/{id}/responses': 'openSurvey',
  '/api/member-identity-conflicts/{id}/resolve': 'identityConflict',
  '/api/members/{id}': 'member',
  '/api/members/{id}/account': 'memberWithoutAccount',
  '/api/members/{id}/transfer': 'member2',
  '/api/news/{id}': 'news',
  '/api/surveys/{id}': 'draftSurvey',
  '/api/surveys/{id}/close': 'openSurvey2',
  '/api/surveys/{id}/open': 'draftSurvey2',
  '/api/surveys/{id}/responses': 'openSurvey',
  '/api/surveys/{id}/results/export': 'openSurvey',
  '/api/trainings/{id}': 'training',
  '/api/users/{id}': 'secretary',
  '/api/users/{id}/reset-password': 'secretary2',
  '/api/users/{id}/unlock': 'secretary2',
};

/** Operations a member calls (the mobile app); every other non-public one is called by an admin. */
const isMemberOperation = (o: Operation) =>
  o.path === '/api/me' || o.path.startsWith('/api/me/') || ['submitSurveyResponse', 'answerFaq'].includes(o.id);

describe(`fuzzing the API from openapi.json (seed ${SEED}, ${RUNS} runs per route and flavour)`, () => {
  let t: TestApp;
  let dataDir: string;
  let f: Fixtures;
  let hints: Hints;
  const tokens: Record<string, string> = {};
  let current: TableDigests;
  const tally = new Map<string, Map<number, number>>();

  const digest = () => tableDigests((sql) => t.db.query(sql), { exclude: ALWAYS_WRITTEN });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sotay-fuzz-'));
    t = await createTestApp({
      DATA_DIR: dataDir,
      RATE_LIMIT_WRITES: '10000000',
      RATE_LIMIT_PUBLIC: '10000000',
      LOGIN_MAX_PER_USERNAME: '10000000',
      LOGIN_MAX_PER_CLIENT: '10000000',
      LOCKOUT_THRESHOLD: '1000',
      // small caps, so that small versions of the upload bombs cross them
      IMPORT_MAX_CELL_CHARS: '1000',
      IMPORT_MAX_COLUMNS: '50',
      IMPORT_MAX_CELLS: '20000',
      IMPORT_MAX_TEXT_CHARS: '200000',
      IMPORT_MAX_UNZIPPED_BYTES: '2000000',
    });
    const tree = await createTree(t.db);
    const member = await createMember(t.db, tree.branchA);
    const member2 = await createMember(t.db, tree.branchA);
    const memberWithoutAccount = await createMember(t.db, tree.branchB);
    const mergeSource = await createCommittee(t.db, { parent: tree.districtA, kind: 'grassroots', name: 'Đảng bộ xã sáp nhập' });
    // PUT /api/committees/{id} may move it anywhere: the tree the other fixtures hang on stays put
    const committeeToEdit = await createCommittee(t.db, { parent: tree.districtB, kind: 'grassroots', name: 'Đảng bộ xã thử sửa' });
    await createMember(t.db, mergeSource);
    const corrections = t.db.getRepository(CorrectionRequest);
    const correction = await corrections.save({
      memberId: member.id,
      committeeId: tree.branchA.id,
      changes: { phone: '0912345678' },
      reason: 'Số mới',
    });
    const correction2 = await corrections.save({
      memberId: member2.id,
      committeeId: tree.branchA.id,
      changes: { fullName: 'Nguyễn Văn Ân' },
      reason: 'Sai tên',
    });
    // a party card number entered in branch A that a member of branch B holds, awaiting the province
    const cardHolder = await createMember(t.db, tree.branchB);
    const cardEntered = await createMember(t.db, tree.branchA, {
      partyCardNumber: null,
      pendingPartyCardNumber: cardHolder.partyCardNumber,
    });
    const identityConflict = await t.db.getRepository(MemberIdentityConflict).save({
      field: 'partyCardNumber',
      value: cardHolder.partyCardNumber!,
      memberId: cardEntered.id,
      holderId: cardHolder.id,
      committeeId: tree.province.id,
    });
    const secretary = await createUser(t.db, 'secretary', tree.branchA);
    const secretary2 = await createUser(t.db, 'secretary', tree.branchB);
    const training = await t.db
      .getRepository(Training)
      .save({ committeeId: tree.districtA.id, heldOn: '2022-01-05', topic: 'Tập huấn', attendees: 80 });
    const news = await createNews(t.db, tree.districtA);
    const document = await createDocument(t.db, tree.districtA);
    const faq = await t.db.getRepository(Faq).save({
      committeeId: tree.districtA.id,
      question: 'Lịch tiếp dân?',
      answer: 'Thứ Năm.',
      category: 'Tiếp dân',
      keywords: [],
      published: true,
    });
    const unanswered = await t.db
      .getRepository(UnansweredQuestion)
      .save({ text: 'Giá vàng hôm nay?', normalized: 'gia vang hom nay', committeeId: tree.branchA.id });
    const unanswered2 = await t.db
      .getRepository(UnansweredQuestion)
      .save({ text: 'Thời tiết?', normalized: 'thoi tiet', committeeId: tree.branchA.id });
    const unanswered3 = await t.db
      .getRepository(UnansweredQuestion)
      .save({ text: 'Tiếp dân hôm nào?', normalized: 'tiep dan hom nao', committeeId: tree.branchA.id });
    const openSurvey = await createSurvey(t.db, tree.grassA, {
      questions: [
        { type: 'single', required: true, options: ['Đồng ý', 'Không đồng ý'] },
        { type: 'multiple', options: ['Học tập', 'Sinh hoạt', 'Khác'] },
        { type: 'rating' },
        { type: 'short_text' },
      ],
    });
    const openSurvey2 = await createSurvey(t.db, tree.grassA);
    const draftSurvey = await createSurvey(t.db, tree.grassA, { status: 'draft' });
    const draftSurvey2 = await createSurvey(t.db, tree.grassA, { status: 'draft' });

    const memberUser = await createUser(t.db, 'member', tree.branchA);
    tokens.member = (await login(t.http, memberUser)).accessToken;
    tokens.admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    tokens.logout = (await login(t.http, await createUser(t.db, 'secretary', tree.branchB))).accessToken;
    tokens.changePassword = (await login(t.http, await createUser(t.db, 'editor', tree.districtB))).accessToken;

    const committees = Object.values(tree).map((c) => c.id);
    const uuids = [member.id, member2.id, document.id, news.id, openSurvey.id, ...openSurvey.questions.map((q) => q.id)];
    f = {
      tree,
      survey: openSurvey,
      ids: {
        ...Object.fromEntries(Object.entries(tree).map(([k, c]) => [k, c.id])),
        member: member.id,
        member2: member2.id,
        memberWithoutAccount: memberWithoutAccount.id,
        mergeSource: mergeSource.id,
        committeeToEdit: committeeToEdit.id,
        correction: correction.id,
        correction2: correction2.id,
        identityConflict: identityConflict.id,
        secretary: secretary.id,
        secretary2: secretary2.id,
        training: training.id,
        news: news.id,
        document: document.id,
        faq: faq.id,
        unanswered: unanswered.id,
        unanswered2: unanswered2.id,
        unanswered3: unanswered3.id,
        openSurvey: openSurvey.id,
        openSurvey2: openSurvey2.id,
        draftSurvey: draftSurvey.id,
        draftSurvey2: draftSurvey2.id,
      },
    };
    hints = {
      committeeId: fc.constantFrom(...committees),
      parentId: fc.constantFrom(...committees),
      targetId: fc.oneof(fc.constantFrom(...committees), fc.constantFrom(...uuids)),
      questionId: fc.constantFrom(...openSurvey.questions.map((q) => q.id)),
      faqId: fc.oneof(fc.constant(faq.id), fc.constantFrom(...uuids)),
      'optionIds[]': fc.constantFrom(...openSurvey.questions.flatMap((q) => (q.options ?? []).map((o) => o.id))),
      code: fc.stringMatching(/^FZ-[A-Z0-9]{4,10}$/),
      username: fc.stringMatching(/^fz\.[a-z0-9]{4,12}$/),
      password: fc.constantFrom(TEST_PASSWORD, 'Mat-khau-moi-rat-dai-2025!'),
      currentPassword: fc.constantFrom(TEST_PASSWORD, 'sai-mat-khau-roi'),
      newPassword: fc.constantFrom('Mat-khau-moi-rat-dai-2025!', 'ngan'),
      phone: fc.stringMatching(/^0[3-9]\d{8}$/),
      partyCardNumber: fc.stringMatching(/^FZ\d{6,8}$/),
      externalId: fc.stringMatching(/^EXT-[A-Z0-9]{6}$/),
      deviceId: fc.uuid(),
      appVersion: fc.stringMatching(/^[1-9]\.\d{1,2}\.\d{1,2}$/),
      coverImageUrl: fc.webUrl({ validSchemes: ['https'] }),
      sourceUrl: fc.webUrl({ validSchemes: ['https'] }),
      heldOn: fc
        .date({ min: new Date('2020-01-01'), max: new Date('2024-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    };
    current = await digest();
  }, 300_000);

  afterAll(async () => {
    const lines = [...tally.entries()].map(
      ([key, statuses]) =>
        `${key.padEnd(48)} ${[...statuses.entries()]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    console.log(`fuzz seed ${SEED}; answers per route and flavour:\n${lines.join('\n')}`);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Bodies that also pass the rules the schema cannot say (a member's dates in order, a survey
   * whose questions hold together, answers to the questions of the survey), so that accepted
   * requests, and near-valid ones one mistake away from them, are common.
   */
  const personName = fc.constantFrom('Hoàng Thị Lan', 'Nguyễn Văn Hùng', 'Lò Văn Páo', 'Đinh Thị Ngọc Ánh', 'Ma Văn Sinh', 'Triệu Thị Mai');
  const SEMANTIC: Record<string, () => fc.Arbitrary<Record<string, unknown>>> = {
    createMember: () =>
      fc
        .record({
          fullName: personName,
          gender: fc.constantFrom('male', 'female'),
          birthYear: fc.integer({ min: 1950, max: 1990 }),
          partyCardNumber: fc.stringMatching(/^FZ\d{8}$/),
          committeeId: fc.constantFrom(f.tree.branchA.id, f.tree.branchB.id),
          phone: fc.option(fc.stringMatching(/^0[3-9]\d{8}$/), { nil: undefined }),
          email: fc.option(fc.constantFrom('lan.ht@thainguyen.gov.vn', 'dangvien@example.vn'), { nil: undefined }),
        })
        .map(({ birthYear, phone, email, ...rest }) => ({
          ...rest,
          birthDate: `${birthYear}-05-01`,
          status: 'official',
          admittedAt: `${birthYear + 25}-03-02`,
          officialAt: `${birthYear + 26}-03-02`,
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
        })),
    updateMember: () =>
      fc.record(
        {
          fullName: personName,
          gender: fc.constantFrom('male', 'female'),
          phone: fc.stringMatching(/^0[3-9]\d{8}$/),
          email: fc.constantFrom('an.nv@thainguyen.gov.vn', null),
        },
        { requiredKeys: [] },
      ),
    createMyCorrection: () =>
      fc.record({
        changes: fc.oneof(fc.record({ phone: fc.stringMatching(/^0[3-9]\d{8}$/) }), fc.record({ fullName: personName })),
        reason: fc.constantFrom('Đổi số điện thoại', 'Tên ghi sai so với căn cước'),
      }),
    createSurvey: () => surveyBody(),
    updateSurvey: () => surveyBody(),
    submitMySurveyResponse: () => answers(),
    submitSurveyResponse: () => answers(),
  };
  const surveyBody = () =>
    fc.record({
      title: fc.constantFrom('Lấy ý kiến về dự thảo Nghị quyết', 'Khảo sát sinh hoạt chi bộ'),
      kind: fc.constant('survey'),
      committeeId: fc.constantFrom(f.tree.grassA.id, f.tree.districtA.id),
      questions: fc.array(
        fc.oneof(
          fc.record({
            text: fc.constantFrom('Ý kiến của đồng chí?'),
            type: fc.constantFrom('short_text', 'long_text', 'rating'),
            required: fc.boolean(),
          }),
          fc.record({
            text: fc.constantFrom('Đồng chí có đồng ý?'),
            type: fc.constant('single'),
            required: fc.boolean(),
            options: fc.constant([{ text: 'Có' }, { text: 'Không' }]),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    });
  const answers = () => {
    const [single, multiple, rating, short] = f.survey.questions;
    return fc
      .record({
        single: fc.constantFrom(...single.options.map((o) => o.id)),
        multiple: fc.subarray(
          multiple.options.map((o) => o.id),
          { minLength: 1 },
        ),
        rating: fc.integer({ min: 1, max: 5 }),
        short: fc.constantFrom('Đồng ý với dự thảo', 'Cần thảo luận thêm'),
      })
      .map((a) => ({
        answers: [
          { questionId: single.id, optionIds: [a.single] },
          { questionId: multiple.id, optionIds: a.multiple },
          { questionId: rating.id, value: a.rating },
          { questionId: short.id, text: a.short },
        ],
      }));
  };

  const tokenFor = (o: Operation): string | undefined => {
    if (o.id === 'login' || o.id === 'refreshToken') return undefined;
    if (o.id === 'logout' || o.id === 'changePassword') return tokens[o.id];
    return isMemberOperation(o) ? tokens.member : tokens.admin;
  };

  const pathFor = (o: Operation, hostileId?: string) =>
    o.path.replace(/\{[^}]+\}/g, () => hostileId ?? String(f.ids[PATH_FIXTURES[o.path]] ?? 1));

  const record = (o: Operation, flavour: string, status: number) => {
    const key = `${o.id} ${flavour}`;
    const m = tally.get(key) ?? new Map<number, number>();
    m.set(status, (m.get(status) ?? 0) + 1);
    tally.set(key, m);
  };

  /** Sends one request; checks the answer and what it did to the database; throws a readable error otherwise. */
  async function exercise(
    o: Operation,
    flavour: Flavour,
    url: string,
    body: Body,
    file?: { bytes: Buffer; name: string },
  ): Promise<number> {
    const token = tokenFor(o);
    let req = (t.http() as any)[o.method](url);
    // the contract hook checks every answer; the request body only when it is meant to be valid
    // (near and hostile bodies that are accepted, such as null for an absent field, are leniency)
    if (flavour !== 'valid') req = skipRequestCheck(req);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (file) req = req.attach('file', file.bytes, file.name);
    else if (body.kind === 'json' && body.value !== null && typeof body.value === 'object') req = req.send(body.value as object);
    else if (body.kind === 'json')
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(body.value)); // a JSON root that is not an object
    else if (body.kind === 'raw') req = req.set('Content-Type', body.contentType).send(body.text);
    const res = await req;
    record(o, flavour, res.status);
    const sent = file
      ? `file ${JSON.stringify(file.name)} (${file.bytes.length} bytes)`
      : body.kind === 'json'
        ? truncate(JSON.stringify(body.value))
        : body.kind === 'raw'
          ? truncate(JSON.stringify(body.text))
          : '(no body)';
    const where = `${o.method.toUpperCase()} ${truncate(url, 300)} [${flavour}: ${body.note}]\n  sent: ${sent}\n  answered ${res.status}: ${truncate(JSON.stringify(res.body ?? res.text))}`;

    const after = await digest();
    if (res.status >= 500) {
      current = after; // whatever it did, the next request is measured from here
      throw new Error(`a server error\n  ${where}`);
    }
    const before = current;
    current = after;
    if (res.status >= 400) {
      const body = res.body ?? {};
      // 431: Node refuses the request line and headers (over 16 kB) before there is a request to give an id to
      if (
        res.status !== 431 &&
        (body.statusCode !== res.status ||
          typeof body.code !== 'string' ||
          typeof body.message !== 'string' ||
          typeof body.requestId !== 'string')
      ) {
        throw new Error(`not the one error body\n  ${where}`);
      }
      const allowed = [
        ...(['login', 'refreshToken', 'logout', 'changePassword'].includes(o.id) ? AUTH_WRITES : []),
        ...(WRITES_BY_DESIGN[o.id] ?? []),
      ];
      const changed = changedTables(before, after).filter((n) => !allowed.includes(n));
      if (changed.length) throw new Error(`a refused request changed ${changed.join(', ')}\n  ${where}`);
      return res.status;
    }
    if (o.method === 'get') {
      const changed = changedTables(before, after).filter((n) => !(WRITES_BY_DESIGN[o.id] ?? []).includes(n));
      if (changed.length) throw new Error(`a read changed ${changed.join(', ')}\n  ${where}`);
      return res.status;
    }
    if (res.status === 204 || res.status === 202 || file) return res.status;
    if (!res.body || typeof res.body !== 'object') throw new Error(`a 2xx without the record\n  ${where}`);
    const problems = await roundTrip(o, url, body, res.body);
    if (problems.length) throw new Error(`the record does not read back as written: ${problems.join('; ')}\n  ${where}`);
    return res.status;
  }

  /** Reads a created or updated record back: the same record, and the sent fields as accepted. */
  async function roundTrip(o: Operation, url: string, body: Body, written: any): Promise<string[]> {
    let readUrl: string | undefined;
    if (o.method === 'put' && doc.paths[o.path]?.get) readUrl = url;
    else if (o.method === 'post' && !o.path.includes('{') && doc.paths[`${o.path}/{id}`]?.get && written.id !== undefined)
      readUrl = `${url}/${written.id}`;
    if (!readUrl) return [];
    const read = await t
      .http()
      .get(readUrl)
      .set('Authorization', `Bearer ${tokenFor(o)}`);
    current = await digest(); // reads of members are audited, nothing else
    if (read.status !== 200) return [`GET ${readUrl} answered ${read.status}`];
    const problems: string[] = [];
    for (const key of Object.keys(written)) {
      if (key in read.body && JSON.stringify(read.body[key]) !== JSON.stringify(written[key])) {
        problems.push(
          `${key}: the write answered ${truncate(JSON.stringify(written[key]), 200)}, a read ${truncate(JSON.stringify(read.body[key]), 200)}`,
        );
      }
    }
    if (body.kind !== 'json' || !body.value || typeof body.value !== 'object' || Array.isArray(body.value)) return problems;
    const properties: Record<string, Schema> = resolve(doc, o.jsonSchema).properties ?? {};
    for (const [key, value] of Object.entries(body.value as Record<string, unknown>)) {
      const schema = resolve(doc, properties[key]);
      if (!(key in read.body) || !isComparable(value) || /html/i.test(String(schema.description ?? '')) || schema.format === 'password')
        continue;
      // null for a field that cannot be null reads as "not given", and a documented default applies to it
      if (value === null && (!schema.nullable || /default/i.test(String(schema.description ?? '')))) continue;
      const sent = canonical(value, schema, key);
      const stored = canonical(read.body[key], schema, key);
      if (JSON.stringify(sent) !== JSON.stringify(stored)) {
        problems.push(`${key}: sent ${truncate(JSON.stringify(value), 200)}, stored ${truncate(JSON.stringify(read.body[key]), 200)}`);
      }
    }
    return problems;
  }

  /** Runs a property with the suite's seed; a failure is shrunk to a small request and reported with the seed and path that replay it. */
  const check = async (property: fc.IAsyncProperty<any>, numRuns = RUNS) => {
    await fc.assert(property, { numRuns, seed: SEED, interruptAfterTimeLimit: 240_000 });
  };

  /** Small versions of the upload bombs of issue 13 (test/e2e/import-bombs has the full-size ones). */
  const UPLOAD_BOMBS: [string, () => Promise<Buffer> | Buffer, string][] = [
    ['shared strings over the unzipped cap', () => sharedStringsBomb(20_000, 200), 'bom.xlsx'],
    ['shared strings over the text cap', () => sharedStringsBomb(2_000, 200), 'chu.xlsx'],
    ['one long inline cell', () => hugeCellXlsx(500_000), 'o.xlsx'],
    ['one long shared string', () => hugeCellXlsx(500_000, true), 'o-chung.xlsx'],
    ['a part inflating past its declared size', () => lyingSizeXlsx(100_000), 'noi-doi.xlsx'],
    ['inline-string rows over the cell cap', () => inlineRowsXlsx(12_000), 'dong.xlsx'],
    ['2,001 sheets', () => manySheetsXlsx(2_001), 'to.xlsx'],
    ['XML nested 1,000 deep', () => deepXmlXlsx(1_000), 'sau.xlsx'],
    ['entity expansion', () => entityExpansionXlsx(), 'lol.xlsx'],
    ['"a\\n" × 250,000', () => csvManyLines(250_000), 'a.csv'],
    ['100 kB of commas', () => csvCommas(100_000), 'phay.csv'],
    ['one 100 kB line', () => csvOneLine(100_000), 'dong.csv'],
  ];

  it('importMembers refuses every upload bomb shape with 413 or 422 and the one error body, changing nothing', async () => {
    const o = writeOps.find((w) => w.id === 'importMembers')!;
    for (const [note, make, name] of UPLOAD_BOMBS) {
      for (const query of ['?dryRun=true', '']) {
        const status = await exercise(o, 'hostile', `${o.path}${query}`, { kind: 'none', note }, { bytes: await make(), name });
        expect({ note, status: [413, 422].includes(status) ? 'refused' : status }).toEqual({ note, status: 'refused' });
      }
    }
  }, 300_000);

  describe.each(writeOps.map((o) => [`${o.method.toUpperCase()} ${o.path} (${o.id})`, o] as const))('%s', (_name, o) => {
    const hasParams = o.path.includes('{');
    const idFor = (flavour: Flavour) =>
      hasParams && flavour === 'hostile' ? fc.option(fc.constantFrom(...HOSTILE_IDS), { freq: 3, nil: undefined }) : fc.constant(undefined);
    for (const flavour of FLAVOURS) {
      it(`${flavour} requests: no 5xx; a refusal changes nothing; an acceptance reads back`, async () => {
        if (o.multipart) {
          await check(
            fc.asyncProperty(
              uploadArbitrary(o, flavour),
              idFor(flavour),
              async (file, hostileId) => void (await exercise(o, flavour, pathFor(o, hostileId), { kind: 'none', note: file.note }, file)),
            ),
          );
          return;
        }
        const semantic = SEMANTIC[o.id]?.();
        const valid = semantic
          ? fc.oneof(
              { weight: 2, arbitrary: semantic },
              { weight: 1, arbitrary: validValue(doc, o.jsonSchema, hints) as fc.Arbitrary<Record<string, unknown>> },
            )
          : (validValue(doc, o.jsonSchema, hints) as fc.Arbitrary<Record<string, unknown>>);
        const bodies: fc.Arbitrary<Body> = !o.jsonSchema
          ? flavour === 'hostile'
            ? hostileBody(doc, undefined, {})
            : fc.constant({ kind: 'none', note: 'no body' } as Body)
          : flavour === 'valid'
            ? valid.map((value): Body => ({ kind: 'json', value, note: 'valid' }))
            : flavour === 'near'
              ? nearValidBody(doc, o.jsonSchema, hints, semantic ?? valid)
              : hostileBody(doc, o.jsonSchema, hints, semantic ?? valid);
        await check(
          fc.asyncProperty(
            bodies,
            idFor(flavour),
            async (body, hostileId) => void (await exercise(o, flavour, pathFor(o, hostileId), body)),
          ),
        );
      }, 600_000);
    }
  });

  // null where the schema says a field cannot be null: @IsOptional() lets null through, so only the database stops it
  describe.each(
    writeOps.filter((o) => o.jsonSchema && !o.multipart).map((o) => [`${o.method.toUpperCase()} ${o.path} (${o.id})`, o] as const),
  )('%s', (_name, o) => {
    it('null in each field that may not be null: no 5xx; a refusal changes nothing', async () => {
      const schema = resolve(doc, o.jsonSchema);
      const fields = Object.entries<Schema>(schema.properties ?? {}).filter(([, p]) => !resolve(doc, p).nullable);
      const base = fc.sample(SEMANTIC[o.id]?.() ?? (validValue(doc, schema, hints) as fc.Arbitrary<Record<string, unknown>>), {
        seed: SEED,
        numRuns: 1,
      })[0];
      const failures: string[] = [];
      for (const [key] of fields) {
        try {
          await exercise(o, 'near', pathFor(o), { kind: 'json', value: { ...base, [key]: null }, note: `${key}: null` });
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  });

  describe.each(queryOps.map((o) => [`GET ${o.path} (${o.id}) query`, o] as const))('%s', (_name, o) => {
    const params: any[] = (o.op.parameters ?? []).filter((p: any) => p.in === 'query');
    for (const flavour of FLAVOURS) {
      it(`${flavour} query strings: no 5xx, nothing written`, async () => {
        const values = fc.tuple(...params.map((p) => queryValue(doc, p.schema, flavour)));
        await check(
          fc.asyncProperty(values, async (vs) => {
            const query = params
              .map((p, i) => (vs[i] === undefined ? '' : `${encodeURIComponent(p.name)}=${encodeQueryValue(vs[i]!)}`))
              .filter(Boolean)
              .join('&');
            await exercise(o, flavour, `${pathFor(o)}${query ? `?${query}` : ''}`, { kind: 'none', note: 'query string' });
          }),
          QUERY_RUNS,
        );
      }, 600_000);
    }
  });

  /** Files for the upload routes: a member list (CSV) or a document file, well-formed, nearly, or not at all. */
  function uploadArbitrary(o: Operation, flavour: Flavour): fc.Arbitrary<{ bytes: Buffer; name: string; note: string }> {
    const names =
      flavour === 'hostile'
        ? fc.constantFrom('../../../etc/passwd', 'a\u0000.csv', '‮fdp.exe', 'x'.repeat(300) + '.pdf', '', 'CON', '😀.xlsx')
        : fc.constantFrom('danh-sach.csv', 'tai-lieu.pdf');
    if (o.id === 'importMembers') {
      const HEADER = ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Số thẻ đảng', 'Trạng thái', 'Ngày vào Đảng', 'Ngày chính thức', 'Mã chi bộ'];
      const validRow = fc.tuple(
        fc.constantFrom('Nguyễn Văn Hùng', 'Lò Thị Mai', 'Hà Văn Sơn'),
        fc.constantFrom('Nam', 'Nữ'),
        fc.constantFrom('01/05/1970', '1980-12-31'),
        fc.stringMatching(/^FZI\d{6}$/),
        fc.constant('Chính thức'),
        fc.constant('02/03/2005'),
        fc.constant('02/03/2006'),
        fc.constant(f.tree.branchA.code),
      );
      const cell =
        flavour === 'valid'
          ? fc.constant(undefined)
          : fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 3000), "=cmd|'/c calc'!A1", '"', '\r\n');
      const rows = fc.array(
        fc
          .tuple(validRow, cell, fc.nat(7))
          .map(([row, bad, at]) => (bad === undefined ? [...row] : row.map((c, i) => (i === at ? bad : c)))),
        { minLength: 1, maxLength: 5 },
      );
      const csv = rows.map((rs) =>
        Buffer.from(
          '\ufeff' + [HEADER, ...rs].map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n'),
          'utf8',
        ),
      );
      const bytes =
        flavour === 'hostile'
          ? fc.oneof(
              csv,
              fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
              fc.constant(Buffer.from('PK\u0003\u0004garbage')),
            )
          : csv;
      return fc.tuple(bytes, names).map(([b, name]) => ({ bytes: b, name, note: 'a member list' }));
    }
    const bytes =
      flavour === 'valid'
        ? fc.constant(pdfBytes())
        : flavour === 'near'
          ? fc.constant(pdfBytes().subarray(0, 40))
          : fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a));
    return fc.tuple(bytes, names).map(([b, name]) => ({ bytes: b, name, note: 'a document file' }));
  }
});

/** Percent-encodes a query value; a lone surrogate goes as the bytes a careless client would send (not UTF-8). */
function encodeQueryValue(value: string): string {
  return value
    .split(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    .map(encodeURIComponent)
    .join('%ED%A0%80');
}

function truncate(s: string | undefined, n = 1500): string {
  if (s === undefined) return 'undefined';
  return s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s;
}

const isComparable = (v: unknown) =>
  v === null ||
  ['string', 'number', 'boolean'].includes(typeof v) ||
  (Array.isArray(v) && v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x)));

/** The form a field is stored in: what the API may normalise on the way in without changing its meaning. */
function canonical(value: unknown, schema: Schema, key: string): unknown {
  // lists of words (tags, keywords): blank entries are dropped, and FAQ keywords without a word in
  // them; a repeated one is kept once (ignoring case; for keywords, diacritics too)
  if (Array.isArray(value)) {
    const seen = new Set<string>();
    const items: Schema = schema.items ? resolve(doc, schema.items) : {};
    const list = value
      .map((v) => canonical(v, items, key))
      .filter((v) => v !== null && (key !== 'keywords' || /[\p{L}\p{N}]/u.test(String(v))))
      .filter((v) => {
        const k = key === 'keywords' ? plainText(String(v)) : String(v).toLocaleLowerCase('vi');
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    // a list of enum values (a member's push kinds) is a set: the API may answer it in its own order
    return items.enum ? list.map(String).sort() : list;
  }
  if (typeof value !== 'string') return value;
  // Unicode NFC (a compatibility ideograph reads back as its unified form), surrounding blanks trimmed, blank as none
  let text = value.normalize('NFC').trim();
  // an FAQ question, tags and keywords are stored with inner runs of blanks as one space
  if (key === 'question' || key === 'tags' || key === 'keywords') text = text.replace(/\s+/g, ' ');
  if (!text) return null;
  if (schema.format === 'date') return text.slice(0, 10);
  if (schema.format === 'date-time') return Number.isNaN(Date.parse(text)) ? text : new Date(text).toISOString();
  if (schema.format === 'email' || key === 'username') return text.toLowerCase();
  if (key === 'phone') return text.replace(/\D/g, '');
  return text;
}
