import { Injectable } from '@nestjs/common';
import { EventsService } from '../analytics/events.service.js';
import type { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { UserAccountsService } from '../auth/user-accounts.service.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { MemberRecordsService } from '../members/member-records.service.js';
import type { MeAuditLine } from '../self-service/dto/me.response.js';
import { MeService } from '../self-service/me.service.js';
import { SurveyResponsesService } from '../surveys/survey-responses.service.js';
import type { MeExport } from './dto/me-export.response.js';
import { ExportSnapshotRepository } from './export-snapshot.repository.js';

/**
 * An audit line as the member reads it: what was done, when, and in which role; not who. The
 * staff member who acted is a person too, whose identity is their own personal data: the subject
 * learns that e.g. "a secretary" changed a field, and can ask their committee (which reads the
 * full log) for more.
 */
const toAuditLine = (a: AuditEntry): MeAuditLine => ({
  action: a.action,
  occurredAt: a.occurredAt,
  actorRole: a.actorRole,
  fields: a.details && typeof a.details.changes === 'object' && a.details.changes !== null ? Object.keys(a.details.changes) : [],
});

/**
 * The member's right to obtain their personal data: one document with what every module holds
 * about them (never a password hash, never a refresh-token hash, never other members' data), each
 * module asked for its part and every part read from one snapshot (a read-only REPEATABLE READ
 * transaction), so that e.g. a transfer committed half-way through cannot show in one section and
 * not in another.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly tx: Transactions,
    private readonly snapshot: ExportSnapshotRepository,
    private readonly me: MeService,
    private readonly members: MemberRecordsService,
    private readonly accounts: UserAccountsService,
    private readonly surveys: SurveyResponsesService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async export(principal: Principal): Promise<{ body: MeExport; filename: string }> {
    const exportedAt = new Date();
    const { member, body } = await this.tx.run('REPEATABLE READ', async (tx) => {
      await this.snapshot.readOnly(tx);
      const own = await this.me.personalData(tx, principal);
      const memberId = own.member.id;
      const transfers = await this.members.transfersOf(tx, memberId);
      const account = await this.accounts.ofMember(tx, memberId);
      // the audit lines about the member: their record, their account and their correction requests
      const lines = await this.audit.entriesAbout(tx, [
        { type: 'member', ids: [memberId] },
        { type: 'user', ids: account ? [account.userId] : [] },
        { type: 'correction', ids: own.corrections.map((c) => c.id) },
      ]);
      const surveys = await this.surveys.personalData(tx, memberId);
      const activity = await this.events.personalData(tx, memberId, exportedAt);
      const document: MeExport = {
        exportedAt,
        record: own.record,
        transfers,
        devices: own.devices,
        account: account?.account ?? null,
        sessions: account?.sessions ?? [],
        corrections: own.corrections,
        auditTrail: lines.map(toAuditLine),
        surveys,
        activity,
      };
      return { member: own.member, body: document };
    });
    await this.audit.recordNow(principal, {
      action: 'member.self_export',
      entityType: 'member',
      entityId: member.id,
      committeeId: member.committeeId,
      details: {
        transfers: body.transfers.length,
        devices: body.devices.length,
        corrections: body.corrections.length,
        auditLines: body.auditTrail.length,
        surveys: body.surveys.length,
        activeDays: body.activity.days.length,
      },
    });
    return { body, filename: `du-lieu-ca-nhan-${localDate(exportedAt)}.json` };
  }
}
