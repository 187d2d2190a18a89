import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Committee } from '../../src/committees/committee.entity.js';
import { analyticsDiscrepancies, appOpen, at, daysAgo, SESSIONIZED, sendEvents, view, type SentEvent } from '../factories/analytics.js';
import { createCommittee, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A small seeded generator (mulberry32): a failing run can be replayed with ANALYTICS_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: T[]): T => xs[int(xs.length)] };
}

const SEED = Number(process.env.ANALYTICS_SEED ?? 20251115);
const STEPS = 70;
/** Small, so that members cross it on some days (the extra events are stored, not counted). */
const CAP = 12;
const REASONS = [null, 'elderly', 'no_smartphone', 'special_unit_pending', 'exempted', 'other'];

describe(`counters and rollups equal a recount from the raw rows (seed ${SEED})`, () => {
  let t: TestApp;
  let admin: string;
  const c: Record<string, Committee> = {};

  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const branches = async (): Promise<{ id: number; path: string }[]> =>
    q(`SELECT id, path::text AS path FROM committees WHERE kind = 'branch' AND archived_at IS NULL ORDER BY id`);

  beforeAll(async () => {
    t = await createTestApp({ EVENTS_MAX_COUNTED_PER_MEMBER_DAY: String(CAP) });
    c.P = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy' });
    for (const d of ['D1', 'D2', 'D3']) c[d] = await createCommittee(t.db, { parent: c.P, name: `Đảng bộ ${d}` });
    for (const [g, d] of [
      ['G1', 'D1'],
      ['G2', 'D1'],
      ['G3', 'D2'],
      ['G4', 'D3'],
    ])
      c[g] = await createCommittee(t.db, { parent: c[d], name: `Đảng bộ ${g}` });
    for (const [b, g] of [
      ['B1', 'G1'],
      ['B2', 'G1'],
      ['B3', 'G2'],
      ['B4', 'G3'],
      ['B5', 'G4'],
      ['B6', 'G4'],
    ])
      c[b] = await createCommittee(t.db, { parent: c[g], name: `Chi bộ ${b}` });
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  it('after random installs, transfers, end states, imports, raw updates, moves, a merge and event batches', async () => {
    const rnd = generator(SEED);
    const importMembers = async (n: number) => {
      const rows = await branches();
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const installed = rnd.next() < 0.4 ? new Date(Date.now() - rnd.int(60) * 86_400_000 - rnd.int(86_400_000)).toISOString() : null;
        const status = rnd.pick(['official', 'probationary']);
        const exempted = rnd.next() < 0.15;
        const row = [
          `Đảng viên ${randomUUID().slice(0, 8)}`,
          rnd.pick(['male', 'female']),
          status,
          status === 'official' ? '2001-01-01' : null,
          exempted,
          exempted ? '2020-01-01' : null,
          rnd.pick(rows).id,
          installed ? null : rnd.pick(REASONS),
          installed,
        ];
        const p = (k: number) => `$${params.length + k}`;
        values.push(
          `(${p(1)}, ${p(2)}, '1975-01-01', ${p(3)}, '2000-01-01', ${p(4)}::date, ${p(5)}, ${p(6)}::date, ${p(7)}, ${p(8)}, ${p(9)}::timestamptz)`,
        );
        params.push(...row);
      }
      // one multi-row statement, like the importer and the seed
      await q(
        `INSERT INTO members (full_name, gender, birth_date, status, admitted_at, official_at, exempted, exempted_at, committee_id, not_installed_reason, installed_at) VALUES ${values.join(', ')}`,
        params,
      );
    };
    await importMembers(30);

    // members with an app account: they register devices and send events
    const accounts: { memberId: string; token: string; sent: SentEvent[][] }[] = [];
    const pool: { id: string }[] = await q(`SELECT id FROM members ORDER BY full_name LIMIT 8`);
    for (const { id } of pool) {
      const [{ committee_id }] = await q(`SELECT committee_id FROM members WHERE id = $1`, [id]);
      const user = await createUser(t.db, 'member', { id: committee_id } as Committee, { memberId: id });
      accounts.push({ memberId: id, token: (await login(t.http, user)).accessToken, sent: [] });
    }
    const withAccount = new Set(accounts.map((a) => a.memberId));
    const contentIds = Array.from({ length: 4 }, () => randomUUID());
    let merged = false;
    let rewritten = false;

    const ops: Record<string, () => Promise<string>> = {
      install: async () => {
        const a = rnd.pick(accounts);
        await t
          .http()
          .post('/api/me/devices')
          .set('Authorization', `Bearer ${a.token}`)
          .send({ deviceId: `device-${randomUUID()}`, platform: rnd.pick(['ios', 'android']), appVersion: '2.0.0' })
          .expect(201);
        return `install ${a.memberId}`;
      },
      transfer: async () => {
        const [member] = await q(`SELECT id, committee_id FROM members WHERE end_state IS NULL ORDER BY random() LIMIT 1`);
        const target = rnd.pick((await branches()).filter((b) => b.id !== member.committee_id));
        await t
          .http()
          .post(`/api/members/${member.id}/transfer`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ committeeId: target.id })
          .expect(200);
        return `transfer ${member.id} → ${target.id}`;
      },
      endOrReturn: async () => {
        const candidates: { id: string; end_state: string | null }[] = (await q(`SELECT id, end_state FROM members ORDER BY id`)).filter(
          (r: any) => !withAccount.has(r.id),
        );
        const member = rnd.pick(candidates);
        const body = member.end_state ? { endState: null } : { endState: rnd.pick(['resigned', 'deceased', 'transferred_out']) };
        await t.http().put(`/api/members/${member.id}`).set('Authorization', `Bearer ${admin}`).send(body).expect(200);
        return `end ${member.id} ${JSON.stringify(body)}`;
      },
      import: async () => {
        const n = 1 + rnd.int(5);
        await importMembers(n);
        return `import ${n}`;
      },
      rawUpdate: async () => {
        const b = rnd.pick(await branches());
        const sql = rnd.pick([
          `UPDATE members SET exempted = NOT exempted, exempted_at = CASE WHEN exempted THEN NULL ELSE DATE '2020-01-01' END WHERE committee_id = $1`,
          `UPDATE members SET installed_at = NULL, not_installed_reason = 'other' WHERE committee_id = $1 AND status = 'probationary'`,
          `UPDATE members SET installed_at = now() - interval '3 days', not_installed_reason = NULL WHERE committee_id = $1 AND installed_at IS NULL`,
          `UPDATE members SET status = CASE status WHEN 'official' THEN 'probationary' ELSE 'official' END,
                              official_at = CASE status WHEN 'official' THEN NULL ELSE DATE '2001-01-01' END, party_card_number = NULL
            WHERE committee_id = $1`,
          `UPDATE members SET full_name = full_name || '.' WHERE committee_id = $1`,
        ]);
        await q(sql, [b.id]);
        return `raw ${sql} (${b.id})`;
      },
      rawDelete: async () => {
        const [member] = await q(`SELECT id FROM members WHERE NOT (id = ANY ($1::uuid[])) ORDER BY random() LIMIT 1`, [[...withAccount]]);
        await q(`DELETE FROM members WHERE id = $1`, [member.id]);
        return `delete ${member.id}`;
      },
      events: async () => {
        const a = rnd.pick(accounts);
        const [{ end_state }] = await q(`SELECT end_state FROM members WHERE id = $1`, [a.memberId]);
        if (end_state) return 'events skipped';
        if (a.sent.length && rnd.next() < 0.3) {
          const batch = rnd.pick(a.sent);
          // a retry, sometimes with the times changed (a client that re-stamps its queue): nothing new either way
          const restamped = rnd.next() < 0.5;
          const again = restamped ? batch.map((e) => ({ ...e, occurredAt: at(daysAgo(1 + rnd.int(39)), '12:34') })) : batch;
          const res = await sendEvents(t.http, a.token, again).expect(202);
          expect(res.body).toEqual({ accepted: 0, duplicates: batch.length, rejected: [] });
          return `retry of ${batch.length} events${restamped ? ', re-stamped' : ''}`;
        }
        const batch: SentEvent[] = [];
        const n = 1 + rnd.int(20);
        // a busy stretch on one of a few days now and then (sessions, late events, the daily cap)
        const busy = rnd.next() < 0.4 ? 1 + rnd.int(3) : null;
        for (let i = 0; i < n; i++) {
          if (busy !== null) {
            batch.push(appOpen(at(daysAgo(busy), `${String(8 + rnd.int(3)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}`)));
            continue;
          }
          const ago = rnd.int(40);
          const when =
            ago === 0
              ? at(daysAgo(0), '00:00')
              : at(daysAgo(ago), `${String(rnd.int(24)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}`);
          const kind = rnd.int(5);
          batch.push(kind < 2 ? appOpen(when) : view(rnd.pick(['document', 'news', 'faq', 'survey'] as const), rnd.pick(contentIds), when));
        }
        const res = await sendEvents(t.http, a.token, batch).expect(202);
        expect(res.body).toEqual({ accepted: n, duplicates: 0, rejected: [] });
        a.sent.push(batch);
        return `${n} events by ${a.memberId}`;
      },
      merge: async () => {
        if (merged) return 'merge skipped';
        merged = true;
        // G2 (district 1) into G3 (district 2): its branch and its members move
        await t
          .http()
          .post(`/api/committees/${c.G2.id}/merge`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ targetId: c.G3.id })
          .expect(200);
        return `merge G2 into G3`;
      },
      move: async () => {
        const g = rnd.pick([c.G1, c.G3, c.G4]);
        const [{ parent_id }] = await q(`SELECT parent_id FROM committees WHERE id = $1`, [g.id]);
        const target = rnd.pick([c.D1, c.D2, c.D3].filter((d) => d.id !== parent_id));
        await t.http().put(`/api/committees/${g.id}`).set('Authorization', `Bearer ${admin}`).send({ parentId: target.id }).expect(200);
        return `move ${g.id} under ${target.id}`;
      },
      rawRewrite: async () => {
        if (rewritten) return 'rewrite skipped';
        rewritten = true;
        // one statement moves G1 under D3 and, at the same time, its branch B1 under G4 (not a whole-subtree move)
        const [g1, d3, g4] = await Promise.all(
          [c.G1, c.D3, c.G4].map(async (x) => (await q(`SELECT path::text AS path FROM committees WHERE id = $1`, [x.id]))[0].path),
        );
        await q(
          `UPDATE committees
              SET path = CASE WHEN id = $1 THEN CAST($4 || '.' || $1 AS ltree)
                              WHEN id = $2 THEN CAST($5 || '.' || $2 AS ltree)
                              ELSE CAST($4 || '.' || $1 AS ltree) || subpath(path, nlevel(CAST($6 AS ltree))) END,
                  parent_id = CASE WHEN id = $1 THEN $3::int WHEN id = $2 THEN $7::int ELSE parent_id END
            WHERE path <@ CAST($6 AS ltree)`,
          [c.G1.id, c.B1.id, c.D3.id, d3, g4, g1, c.G4.id],
        );
        return 'raw rewrite of G1 and B1';
      },
    };
    const weights: [string, number][] = [
      ['install', 6],
      ['transfer', 5],
      ['endOrReturn', 3],
      ['import', 3],
      ['rawUpdate', 4],
      ['rawDelete', 1],
      ['events', 10],
      ['merge', 1],
      ['move', 2],
      ['rawRewrite', 1],
    ];
    const bag = weights.flatMap(([op, w]) => Array<string>(w).fill(op));
    // every kind of operation happens at least once, then at random
    const plan = [...weights.map(([op]) => op), ...Array.from({ length: STEPS - weights.length }, () => rnd.pick(bag))];
    for (const [i, op] of plan.entries()) {
      const what = await ops[op]();
      expect({ step: i, what, differences: await analyticsDiscrepancies(t.db, CAP) }).toEqual({ step: i, what, differences: [] });
    }

    // and the reports read those counters: the root's install figures equal a plain count of the register
    const [truth] = await q(`SELECT count(*)::int AS members, count(installed_at)::int AS installed FROM members WHERE end_state IS NULL`);
    const res = await t
      .http()
      .get(`/api/analytics/install-rates?committeeId=${c.P.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect([res.body.total.members, res.body.total.installed]).toEqual([truth.members, truth.installed]);
    // visits are sessions: a member's activity after 30 minutes without any
    const [events] = await q(
      `SELECT sum(visit)::int AS visits, count(*) FILTER (WHERE day_events > ${CAP})::int AS over FROM (${SESSIONIZED}) e`,
    );
    expect(events.over).toBeGreaterThan(0);
    const visits = await t
      .http()
      .get(`/api/analytics/visits?committeeId=${c.P.id}&from=${daysAgo(45)}&to=${daysAgo(0)}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(visits.body.total.visits).toBe(events.visits);
  }, 300_000);
});
