import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountsBootstrap } from '../../auth/accounts-bootstrap.service.js';
import { hashPassword } from '../../auth/passwords.js';
import { AppConfig } from '../../config/app-config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { buildDemoProvince, DEMO_PROVINCE_CODE, type DemoCommittee, type DemoMember } from './demo-province.js';

const BATCH = 1000;

/**
 * Seeds the demo province (committees, members, one account per role). Idempotent: committees and
 * accounts are keyed by code and username, and members are only generated into a province that has none.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly accounts: AccountsBootstrap,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.accounts.ensureConfiguredAdmin();
    if (this.config.seedDemo) await this.seedDemo(this.config.DEMO_MEMBERS);
  }

  async seedDemo(memberCount: number): Promise<void> {
    const started = Date.now();
    const province = buildDemoProvince({ members: memberCount });
    const created = await this.db.transaction(async (m) => {
      const ids = await this.upsertCommittees(m, province.committees);
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM members WHERE committee_id IN (SELECT id FROM committees WHERE path <@ (SELECT path FROM committees WHERE code = $1))`,
        [DEMO_PROVINCE_CODE],
      );
      const inserted = n === 0 ? await this.insertMembers(m, province.members, ids) : 0;
      await this.upsertAccounts(m, province.committees, ids);
      return inserted;
    });
    if (created) {
      this.logger.log(`demo province seeded: ${province.committees.length} committees, ${created} members in ${Date.now() - started} ms`);
    }
    this.printAccounts();
  }

  private async upsertCommittees(m: EntityManager, committees: DemoCommittee[]): Promise<Map<string, { id: number; path: string }>> {
    const ids = new Map<string, { id: number; path: string }>();
    const existing: { id: number; code: string; path: string }[] = await m.query(
      `SELECT id, code, path::text AS path FROM committees WHERE code = ANY($1::text[])`,
      [committees.map((c) => c.code)],
    );
    for (const e of existing) ids.set(e.code, { id: e.id, path: e.path });
    const inserted: number[] = [];
    // parents come before children, so every parent's path is known when its child is inserted
    for (const c of committees) {
      if (ids.has(c.code)) continue;
      const parent = c.parentCode ? ids.get(c.parentCode) : undefined;
      const [{ id }] = await m.query(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
      const path = parent ? `${parent.path}.${id}` : String(id);
      await m.query(
        `INSERT INTO committees (id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate)
         VALUES ($1, $2, $3, $4, $5, $6::ltree, $7, $8, $9)`,
        [id, c.name, c.code, c.kind, parent?.id ?? null, path, c.phase, c.phaseStartedAt, c.targetInstallRate],
      );
      ids.set(c.code, { id, path });
      inserted.push(id);
    }
    await this.seedPhaseHistory(m, inserted);
    return ids;
  }

  /**
   * The rollout as Thái Nguyên ran it: a trial across the province in Nov-Dec 2021, then each
   * committee in its phase from its date (the pilot in Khối các cơ quan tỉnh, live from 1-1-2022).
   */
  private async seedPhaseHistory(m: EntityManager, committeeIds: number[]): Promise<void> {
    if (!committeeIds.length) return;
    await m.query(
      `INSERT INTO committee_phase_changes (committee_id, from_phase, to_phase, started_on, actor_username, changed_at)
       SELECT id, 'not_started', 'trial', DATE '2021-11-01', 'seed', TIMESTAMPTZ '2021-11-01 08:00+07'
         FROM committees WHERE id = ANY($1::int[]) AND kind = 'province'
       UNION ALL
       SELECT id, CASE WHEN kind = 'province' THEN 'trial' ELSE 'not_started' END, phase, phase_started_at, 'seed',
              phase_started_at::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '8 hours'
         FROM committees WHERE id = ANY($1::int[]) AND phase <> 'not_started' AND phase_started_at IS NOT NULL`,
      [committeeIds],
    );
  }

  private async insertMembers(m: EntityManager, members: DemoMember[], ids: Map<string, { id: number }>): Promise<number> {
    const cols = [
      'full_name', 'gender', 'birth_date', 'party_card_number', 'status', 'admitted_at', 'official_at', 'exempted',
      'exempted_at', 'exempted_reason', 'phone', 'email', 'committee_id', 'not_installed_reason', 'installed_at',
    ];
    for (let i = 0; i < members.length; i += BATCH) {
      const chunk = members.slice(i, i + BATCH);
      const params: unknown[] = [];
      const rows = chunk.map((mem) => {
        const values = [
          mem.fullName, mem.gender, mem.birthDate, mem.partyCardNumber, mem.status, mem.admittedAt, mem.officialAt,
          mem.exempted, mem.exemptedAt, mem.exemptedReason, mem.phone, mem.email, ids.get(mem.committeeCode)!.id,
          mem.notInstalledReason, mem.installedAt,
        ];
        const start = params.length;
        params.push(...values);
        return `(${values.map((_, k) => `$${start + k + 1}`).join(', ')})`;
      });
      await m.query(`INSERT INTO members (${cols.join(', ')}) VALUES ${rows.join(', ')}`, params);
    }
    return members.length;
  }

  private async upsertAccounts(m: EntityManager, committees: DemoCommittee[], ids: Map<string, { id: number }>): Promise<void> {
    const firstBranch = committees.find((c) => c.kind === 'branch' && c.code.startsWith('TN-KCQ'))!;
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) {
      const code = a.committeeCode === 'FIRST_BRANCH' ? firstBranch.code : a.committeeCode;
      const committeeId = code ? ids.get(code)!.id : null;
      let memberId: string | null = null;
      let fullName = a.fullName;
      if (a.role === 'member') {
        const [member] = await m.query(
          `SELECT id, full_name FROM members WHERE committee_id = $1 AND end_state IS NULL ORDER BY created_at, id LIMIT 1`,
          [committeeId],
        );
        if (!member) continue; // a demo without members has no member account
        memberId = member.id;
        fullName = member.full_name;
      }
      await m.query(
        `INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
        [a.username, hash, fullName, a.role, committeeId, memberId],
      );
    }
  }

  private printAccounts(): void {
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(16)} ${a.description}`);
    this.logger.log(`demo accounts (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}`);
  }
}
