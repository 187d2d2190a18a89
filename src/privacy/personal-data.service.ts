import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventsService } from '../analytics/events.service.js';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { MeService } from '../self-service/me.service.js';
import { SurveyResponsesService } from '../surveys/survey-responses.service.js';
import type { MeExport } from './dto/me-export.response.js';

/**
 * The member's right to obtain their personal data: one document with what every module holds
 * about them, read from one snapshot (a read-only REPEATABLE READ transaction), so that e.g. a
 * transfer committed half-way through cannot show in one section and not in another.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly me: MeService,
    private readonly surveys: SurveyResponsesService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async export(principal: Principal): Promise<{ body: MeExport; filename: string }> {
    const exportedAt = new Date();
    const { member, body } = await this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const own = await this.me.personalData(m, principal);
      const surveys = await this.surveys.personalData(m, own.member.id);
      const activity = await this.events.personalData(m, own.member.id, exportedAt);
      return { member: own.member, body: { exportedAt, ...own.data, surveys, activity } };
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
