import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../../src/common/dates.js';
import { Committee } from '../../src/committees/committee.entity.js';
import { CommitteePhaseChange } from '../../src/committees/committee-phase-change.entity.js';
import { createCommittee, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The rollout of the handbook per committee: a dated phase history the dashboard draws its timeline from. */
describe('rollout history', () => {
  let t: TestApp;
  let admin: { token: string; id: string; username: string };

  beforeAll(async () => {
    t = await createTestApp();
    const user = await createUser(t.db, 'admin', null);
    admin = { token: (await login(t.http, user)).accessToken, id: user.id, username: user.username };
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const put = (token: string, id: number, body: object) => t.http().put(`/api/committees/${id}`).set(auth(token)).send(body);
  const history = (token: string, id: number) => t.http().get(`/api/committees/${id}/phase-history`).set(auth(token));
  const rollout = (token: string, id: number, body: object) => t.http().post(`/api/committees/${id}/phase`).set(auth(token)).send(body);
  const historyRows = (committeeId: number) =>
    t.db.getRepository(CommitteePhaseChange).find({ where: { committeeId }, order: { changedAt: 'ASC' } });
  const auditOf = async (token: string, filter: object) =>
    (
      await t
        .http()
        .get(`/api/audit-log?filter=${enc(filter)}&range=[0,99]`)
        .set(auth(token))
        .expect(200)
    ).body as any[];

  describe('a phase change through PUT', () => {
    it('writes who, when and from → to, and GET phase-history answers the timeline oldest first', async () => {
      const tree = await createTree(t.db);
      const before = localDate();
      await put(admin.token, tree.grassA.id, { phase: 'trial', phaseStartedAt: '2021-11-01' }).expect(200);
      await put(admin.token, tree.grassA.id, { phase: 'pilot', phaseStartedAt: '2021-12-01' }).expect(200);
      const live = await put(admin.token, tree.grassA.id, { phase: 'live' }).expect(200);
      const today = live.body.phaseStartedAt;
      expect([before, localDate()]).toContain(today);

      const res = await history(admin.token, tree.grassA.id).expect(200);
      expect(res.body).toHaveLength(3);
      expect(res.body.map((r: any) => [r.fromPhase, r.toPhase, r.startedOn])).toEqual([
        ['not_started', 'trial', '2021-11-01'],
        ['trial', 'pilot', '2021-12-01'],
        ['pilot', 'live', today],
      ]);
      for (const step of res.body) {
        expect(Object.keys(step).sort()).toEqual([
          'actorId',
          'actorUsername',
          'changedAt',
          'committeeId',
          'fromPhase',
          'id',
          'startedOn',
          'toPhase',
        ]);
        expect(step).toMatchObject({ committeeId: tree.grassA.id, actorId: admin.id, actorUsername: admin.username });
        expect(Date.now() - Date.parse(step.changedAt)).toBeLessThan(60_000);
      }
      // nothing was written for the other committees
      expect(await historyRows(tree.grassB.id)).toEqual([]);
      expect((await history(admin.token, tree.branchA.id).expect(200)).body).toEqual([]);
    });

    it('writes no row when the phase stays, and a corrected start date moves the last step', async () => {
      const tree = await createTree(t.db);
      await put(admin.token, tree.grassB.id, { phase: 'live', phaseStartedAt: '2022-01-10' }).expect(200);
      // the dashboard's edit form sends the unchanged phase with every save
      await put(admin.token, tree.grassB.id, { phase: 'live', name: 'Đảng bộ xã Kim Phượng (mới)' }).expect(200);
      expect(await historyRows(tree.grassB.id)).toHaveLength(1);

      const fixed = await put(admin.token, tree.grassB.id, { phaseStartedAt: '2022-01-01' }).expect(200);
      expect(fixed.body).toMatchObject({ phase: 'live', phaseStartedAt: '2022-01-01' });
      const res = await history(admin.token, tree.grassB.id).expect(200);
      expect(res.body.map((r: any) => [r.fromPhase, r.toPhase, r.startedOn])).toEqual([['not_started', 'live', '2022-01-01']]);
    });

    it('writes the first step when a committee is created in a phase other than not_started', async () => {
      const tree = await createTree(t.db);
      const created = await t
        .http()
        .post('/api/committees')
        .set(auth(admin.token))
        .send({
          name: 'Chi bộ thí điểm',
          code: `P-${Date.now()}`,
          kind: 'branch',
          parentId: tree.grassA.id,
          phase: 'pilot',
          phaseStartedAt: '2021-12-01',
        })
        .expect(201);
      const res = await history(admin.token, created.body.id).expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({ fromPhase: null, toPhase: 'pilot', startedOn: '2021-12-01', actorUsername: admin.username }),
      ]);
      const plain = await t
        .http()
        .post('/api/committees')
        .set(auth(admin.token))
        .send({ name: 'Chi bộ chưa triển khai', code: `N-${Date.now()}`, kind: 'branch', parentId: tree.grassA.id })
        .expect(201);
      expect((await history(admin.token, plain.body.id).expect(200)).body).toEqual([]);
    });

    it('audits the change as committee.update with the diff, on the committee itself', async () => {
      const tree = await createTree(t.db);
      const districtAdmin = await tokenFor(t, 'committee_admin', tree.districtA);
      await put(districtAdmin, tree.grassA.id, { phase: 'pilot', phaseStartedAt: '2021-12-01', targetInstallRate: 0.9 }).expect(200);
      const lines = await auditOf(districtAdmin, { entityType: 'committee', entityId: tree.grassA.id });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        action: 'committee.update',
        committeeId: tree.grassA.id,
        details: { changes: { phase: ['not_started', 'pilot'], phaseStartedAt: [null, '2021-12-01'], targetInstallRate: [null, 0.9] } },
      });
    });

    it('keeps the history of a committee out of reach of another subtree (404), and lets its own staff read it', async () => {
      const tree = await createTree(t.db);
      await put(admin.token, tree.branchA.id, { phase: 'live', phaseStartedAt: '2022-01-01' }).expect(200);
      const sibling = await tokenFor(t, 'committee_admin', tree.districtB);
      const outside = await history(sibling, tree.branchA.id).expect(404);
      expect(outside.body.code).toBe('NOT_FOUND');
      const secretary = await tokenFor(t, 'secretary', tree.branchA);
      expect((await history(secretary, tree.branchA.id).expect(200)).body).toHaveLength(1);
    });
  });

  describe('rolling a phase out to a subtree', () => {
    it('moves all 16 subordinate committees of a province live in one go, one history row each', async () => {
      const province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Thái Nguyên' });
      const subs: Committee[] = [];
      for (let i = 1; i <= 16; i++) subs.push(await createCommittee(t.db, { parent: province, name: `Đảng bộ trực thuộc ${i}` }));
      // the provincial agencies' committee piloted it from December
      await put(admin.token, subs[0].id, { phase: 'pilot', phaseStartedAt: '2021-12-01' }).expect(200);
      const provinceAdmin = await tokenFor(t, 'committee_admin', province);

      const res = await rollout(provinceAdmin, province.id, { phase: 'live', startedOn: '2022-01-01', applyToSubtree: true }).expect(200);
      expect(res.body.changed).toBe(17);
      expect(res.body.committee).toMatchObject({ id: province.id, phase: 'live', phaseStartedAt: '2022-01-01', childCount: 16 });

      const rows: Committee[] = await t.db.getRepository(Committee).find({ where: subs.map((s) => ({ id: s.id })) });
      expect(rows.every((c) => c.phase === 'live' && c.phaseStartedAt === '2022-01-01')).toBe(true);
      for (const s of subs.slice(1)) {
        const steps = (await history(provinceAdmin, s.id).expect(200)).body;
        expect(steps.map((r: any) => [r.fromPhase, r.toPhase, r.startedOn])).toEqual([['not_started', 'live', '2022-01-01']]);
      }
      const pilot = (await history(provinceAdmin, subs[0].id).expect(200)).body;
      expect(pilot.map((r: any) => [r.fromPhase, r.toPhase, r.startedOn])).toEqual([
        ['not_started', 'pilot', '2021-12-01'],
        ['pilot', 'live', '2022-01-01'],
      ]);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM committee_phase_changes p JOIN committees c ON c.id = p.committee_id
          WHERE c.path <@ CAST($1 AS ltree) AND p.to_phase = 'live'`,
        [province.path],
      );
      expect(n).toBe(17);

      // audited once, with the count
      const lines = await auditOf(provinceAdmin, { action: 'committee.phase', committeeId: province.id });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        entityId: String(province.id),
        details: { phase: 'live', startedOn: '2022-01-01', applyToSubtree: true, changed: 17 },
      });
    });

    it('leaves committees already in the phase, archived ones and other subtrees alone', async () => {
      const tree = await createTree(t.db);
      await put(admin.token, tree.branchA.id, { phase: 'live', phaseStartedAt: '2021-12-15' }).expect(200);
      const archived = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ đã sáp nhập' });
      await t.db.query(`UPDATE committees SET archived_at = now() WHERE id = $1`, [archived.id]);

      const res = await rollout(admin.token, tree.districtA.id, { phase: 'live', applyToSubtree: true }).expect(200);
      expect(res.body.changed).toBe(2); // district A and its grassroots organisation
      const today = res.body.committee.phaseStartedAt;
      expect([localDate(), localDate(new Date(Date.now() - 60_000))]).toContain(today);

      expect(await t.db.getRepository(Committee).findOneBy({ id: tree.branchA.id })).toMatchObject({
        phase: 'live',
        phaseStartedAt: '2021-12-15',
      });
      expect(await historyRows(tree.branchA.id)).toHaveLength(1);
      expect(await t.db.getRepository(Committee).findOneBy({ id: archived.id })).toMatchObject({ phase: 'not_started' });
      expect(await historyRows(archived.id)).toEqual([]);
      for (const other of [tree.province, tree.districtB, tree.grassB, tree.branchB]) {
        expect(await t.db.getRepository(Committee).findOneBy({ id: other.id })).toMatchObject({ phase: 'not_started' });
        expect(await historyRows(other.id)).toEqual([]);
      }
    });

    it('without applyToSubtree changes the one committee only', async () => {
      const tree = await createTree(t.db);
      const res = await rollout(admin.token, tree.grassA.id, { phase: 'trial', startedOn: '2021-11-15' }).expect(200);
      expect(res.body).toMatchObject({ changed: 1, committee: { id: tree.grassA.id, phase: 'trial', phaseStartedAt: '2021-11-15' } });
      expect(await t.db.getRepository(Committee).findOneBy({ id: tree.branchA.id })).toMatchObject({ phase: 'not_started' });
      // the same phase again changes nothing and writes nothing
      const again = await rollout(admin.token, tree.grassA.id, { phase: 'trial', startedOn: '2021-11-20' }).expect(200);
      expect(again.body).toMatchObject({ changed: 0, committee: { phaseStartedAt: '2021-11-15' } });
      expect(await historyRows(tree.grassA.id)).toHaveLength(1);
    });

    it('refuses invalid bodies (400), another subtree (404) and an archived committee (409), changing nothing', async () => {
      const tree = await createTree(t.db);
      const sibling = await tokenFor(t, 'committee_admin', tree.districtB);
      const bad = await rollout(admin.token, tree.districtA.id, {
        phase: 'done',
        startedOn: '2022-02-30',
        applyToSubtree: 'yes',
        extra: 1,
      }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(bad.body.errors).sort()).toEqual(['applyToSubtree', 'extra', 'phase', 'startedOn']);
      const outside = await rollout(sibling, tree.districtA.id, { phase: 'live', applyToSubtree: true }).expect(404);
      expect(outside.body.code).toBe('NOT_FOUND');
      const editor = await tokenFor(t, 'editor', tree.districtA);
      await rollout(editor, tree.districtA.id, { phase: 'live' }).expect(403);

      await t.db.query(`UPDATE committees SET archived_at = now() WHERE id = $1`, [tree.branchA.id]);
      const archived = await rollout(admin.token, tree.branchA.id, { phase: 'live' }).expect(409);
      expect(archived.body.code).toBe('COMMITTEE_ARCHIVED');

      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM committees WHERE path <@ CAST($1 AS ltree) AND phase <> 'not_started'`,
        [tree.province.path],
      );
      expect(n).toBe(0);
      const [{ h }] = await t.db.query(
        `SELECT count(*)::int AS h FROM committee_phase_changes p JOIN committees c ON c.id = p.committee_id WHERE c.path <@ CAST($1 AS ltree)`,
        [tree.province.path],
      );
      expect(h).toBe(0);
    });
  });
});
