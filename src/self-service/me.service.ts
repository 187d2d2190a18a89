import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthSession } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { Committee } from '../committees/committee.entity.js';
import { CorrectionRequest } from './correction-request.entity.js';
import { MemberDevice } from './device.entity.js';
import { toMyCorrectionResponse } from './dto/correction.response.js';
import { DEVICE_ID, type RegisterDeviceDto } from './dto/device.dto.js';
import { toDeviceResponse, type DeviceResponse } from './dto/device.response.js';
import { toMeResponse, type MeAuditLine, type MembershipPersonalData, type MeResponse } from './dto/me.response.js';
import { toTransferResponse } from '../members/dto/member.response.js';
import { Member } from '../members/member.entity.js';
import { MemberTransfer } from '../members/member-transfer.entity.js';

/** A member may have this many registered (active) devices at once. */
export const MAX_ACTIVE_DEVICES = 10;

export const MeErrors = {
  noRecord: () => ApiError.notFound('Member record'),
  deviceNotFound: () => ApiError.notFound('Device'),
  tooManyDevices: () =>
    ApiError.conflict('TOO_MANY_DEVICES', `At most ${MAX_ACTIVE_DEVICES} devices may be registered at once; unregister one first`),
};

/** Today's date in Vietnam (UTC+7), for names the member reads. */

/** The member's own side: their record, their app installs, their data export. */
@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The caller's member record (a member who left the register still has one). */
  async member(m: EntityManager, principal: Principal, lock = false): Promise<Member> {
    if (!principal.memberId) throw MeErrors.noRecord();
    const qb = m.getRepository(Member).createQueryBuilder('m').where('m.id = :id', { id: principal.memberId });
    if (lock) qb.setLock('pessimistic_write');
    const member = await qb.getOne();
    if (!member) throw MeErrors.noRecord();
    return member;
  }

  async profile(principal: Principal): Promise<MeResponse> {
    return this.profileOf(this.db.manager, principal, await this.member(this.db.manager, principal));
  }

  private async profileOf(m: EntityManager, principal: Principal, member: Member): Promise<MeResponse> {
    // the committees from the root down to the member's branch: the ancestors on the ltree path
    const chain: Committee[] = (
      await m.query(
        `SELECT c.id, c.name, c.kind FROM committees c
          WHERE c.path @> (SELECT b.path FROM committees b WHERE b.id = $1)
          ORDER BY nlevel(c.path)`,
        [member.committeeId],
      )
    ).map((r: { id: number; name: string; kind: Committee['kind'] }) => Object.assign(new Committee(), r));
    const hasDevices = (await m.countBy(MemberDevice, { memberId: member.id, unregisteredAt: IsNull() })) > 0;
    return toMeResponse(member, principal.username, chain, hasDevices);
  }

  async devices(principal: Principal): Promise<DeviceResponse[]> {
    const member = await this.member(this.db.manager, principal);
    const rows = await this.db.getRepository(MemberDevice).find({ where: { memberId: member.id }, order: { registeredAt: 'DESC', id: 'ASC' } });
    return rows.map(toDeviceResponse);
  }

  /**
   * Registers an install (idempotent per deviceId). The member's first ever registration sets
   * `installedAt`, which no later registration moves and no unregistration clears.
   * The member row is locked, so concurrent registrations of one member run one after the other.
   */
  async registerDevice(principal: Principal, dto: RegisterDeviceDto): Promise<{ device: DeviceResponse; created: boolean }> {
    return this.db.transaction(async (m) => {
      const member = await this.member(m, principal, true);
      const existing = await m.findOneBy(MemberDevice, { memberId: member.id, deviceId: dto.deviceId });
      if (!existing || existing.unregisteredAt !== null) {
        const active = await m.countBy(MemberDevice, { memberId: member.id, unregisteredAt: IsNull() });
        if (active >= MAX_ACTIVE_DEVICES) throw MeErrors.tooManyDevices();
      }
      const now = new Date();
      let device: MemberDevice;
      if (existing) {
        await m.update(MemberDevice, { id: existing.id }, { platform: dto.platform, appVersion: dto.appVersion, lastSeenAt: now, unregisteredAt: null });
        device = await m.findOneByOrFail(MemberDevice, { id: existing.id });
      } else {
        device = await m.save(
          m.create(MemberDevice, { memberId: member.id, deviceId: dto.deviceId, platform: dto.platform, appVersion: dto.appVersion, lastSeenAt: now }),
        );
      }
      if (member.installedAt === null) {
        await m.update(Member, { id: member.id }, { installedAt: now, notInstalledReason: null });
        await this.audit.record(m, principal, {
          action: 'member.install',
          entityType: 'member',
          entityId: member.id,
          committeeId: member.committeeId,
          details: {
            changes: { installedAt: [null, now.toISOString()], ...(member.notInstalledReason ? { notInstalledReason: [member.notInstalledReason, null] } : {}) },
            platform: dto.platform,
            appVersion: dto.appVersion,
          },
        });
      }
      return { device: toDeviceResponse(device), created: !existing };
    });
  }

  /** Unregisters an install; `installedAt` stays (it records the first install). Repeating it changes nothing. */
  async unregisterDevice(principal: Principal, deviceId: string): Promise<void> {
    if (!DEVICE_ID.test(deviceId)) throw MeErrors.deviceNotFound();
    await this.db.transaction(async (m) => {
      const member = await this.member(m, principal);
      const device = await m.findOneBy(MemberDevice, { memberId: member.id, deviceId });
      if (!device) throw MeErrors.deviceNotFound();
      if (device.unregisteredAt === null) await m.update(MemberDevice, { id: device.id }, { unregisteredAt: new Date() });
    });
  }

  /**
   * The membership part of the member's personal-data export (the right to obtain one's data;
   * the privacy module puts the document together): record, transfers, devices, account and
   * sessions, correction requests and the audit lines about them. Never the password hash, never
   * refresh-token hashes, never other members' data. Reads through `m`, so that the caller can
   * read every part from one snapshot.
   */
  async personalData(m: EntityManager, principal: Principal): Promise<{ member: Member; data: MembershipPersonalData }> {
    const member = await this.member(m, principal);
    const record = await this.profileOf(m, principal, member);
    const transfers = await m.getRepository(MemberTransfer).find({
      where: { memberId: member.id },
      relations: { fromCommittee: true, toCommittee: true },
      order: { transferredOn: 'ASC', createdAt: 'ASC' },
    });
    const devices = await m.getRepository(MemberDevice).find({ where: { memberId: member.id }, order: { registeredAt: 'ASC', id: 'ASC' } });
    const user = await m.findOneBy(User, { memberId: member.id });
    const sessions = user ? await m.find(AuthSession, { where: { userId: user.id }, order: { createdAt: 'ASC' } }) : [];
    const corrections = await m.find(CorrectionRequest, { where: { memberId: member.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    // The audit lines about the member: their record, their account and their correction requests.
    // Each line says what was done, when, and in which role; not who. The staff member who acted is
    // a person too, whose identity is their own personal data: the subject learns that e.g. "a
    // secretary" changed a field, and can ask their committee (which reads the full log) for more.
    const about: { type: string; ids: string[] }[] = [
      { type: 'member', ids: [member.id] },
      { type: 'user', ids: user ? [user.id] : [] },
      { type: 'correction', ids: corrections.map((c) => c.id) },
    ];
    const lines: AuditEntry[] = [];
    for (const { type, ids } of about) {
      if (ids.length) lines.push(...(await m.find(AuditEntry, { where: { entityType: type, entityId: In(ids) }, order: { id: 'ASC' } })));
    }
    lines.sort((a, b) => Number(a.id) - Number(b.id));
    const auditTrail: MeAuditLine[] = lines.map((a) => ({
      action: a.action,
      occurredAt: a.occurredAt,
      actorRole: a.actorRole,
      fields: a.details && typeof a.details.changes === 'object' && a.details.changes !== null ? Object.keys(a.details.changes) : [],
    }));

    return {
      member,
      data: {
        record,
        transfers: transfers.map(toTransferResponse),
        devices: devices.map(toDeviceResponse),
        account: user ? { username: user.username, role: user.role, isActive: user.isActive, createdAt: user.createdAt, lastLoginAt: user.lastLoginAt } : null,
        sessions: sessions.map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt, revokedReason: s.revokedReason })),
        corrections: corrections.map(toMyCorrectionResponse),
        auditTrail,
      },
    };
  }
}
