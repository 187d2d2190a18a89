import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Member } from '../members/member.entity.js';
import { MemberRecordsService } from '../members/member-records.service.js';
import { CorrectionRequestRepository } from './correction-request.repository.js';
import type { MemberDevice } from './device.entity.js';
import { MemberDeviceRepository } from './device.repository.js';
import { toMyCorrectionResponse, type MyCorrectionResponse } from './dto/correction.response.js';
import { DEVICE_ID, type PushSubscriptionDto, type RegisterDeviceDto } from './dto/device.dto.js';
import { toDeviceResponse, type DeviceResponse, type WebPushConfigResponse } from './dto/device.response.js';
import { toMeResponse, type MeResponse } from './dto/me.response.js';
import { MeErrors } from './self-service.errors.js';
import { MAX_ACTIVE_DEVICES } from './self-service.rules.js';
import { AppConfig } from '../config/app-config.js';
import { pushCredentialsComplete } from '../config/push-config.js';
import { webPushProblems, type PushTarget } from './push-subscription.rules.js';

/** A unique index that another member's registration of the same install (at the same moment) hits. */
function isActiveInstallConflict(e: unknown): boolean {
  const driverError = e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === 'member_devices_active_device_id_key';
}

/** The self-service sections of the member's personal-data export (the privacy module asks the other modules for theirs). */
export interface SelfServicePersonalData {
  member: Member;
  record: MeResponse;
  devices: DeviceResponse[];
  corrections: MyCorrectionResponse[];
}

/** The member's own side: their record, their app installs, their part of the data export. */
@Injectable()
export class MeService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly members: MemberRecordsService,
    private readonly committees: CommitteesService,
    private readonly devicesRepo: MemberDeviceRepository,
    private readonly corrections: CorrectionRequestRepository,
    private readonly config: AppConfig,
  ) {}

  /** The push target a request asks for, checked (400 PUSH_SUBSCRIPTION_INVALID or PUSH_ENDPOINT_NOT_ALLOWED). */
  private pushTarget(push: PushSubscriptionDto): PushTarget {
    if (push.provider !== 'webpush') return { provider: push.provider, token: push.token };
    const problem = webPushProblems(push.subscription, this.config.WEB_PUSH_EXTRA_HOSTS);
    if (problem) throw problem.kind === 'foreign' ? MeErrors.pushForeign(problem.errors) : MeErrors.pushInvalid(problem.errors);
    const { endpoint, keys } = push.subscription;
    return { provider: 'webpush', endpoint, p256dh: keys.p256dh, auth: keys.auth };
  }

  /** The caller's member record (a member who left the register still has one), locked when asked. */
  async member(tx: Tx, principal: Principal, lock = false): Promise<Member> {
    if (!principal.memberId) throw MeErrors.noRecord();
    const member = await this.members.byId(tx, principal.memberId, lock);
    if (!member) throw MeErrors.noRecord();
    return member;
  }

  async profile(principal: Principal): Promise<MeResponse> {
    const tx = this.tx.none;
    return this.profileOf(tx, principal, await this.member(tx, principal));
  }

  private async profileOf(tx: Tx, principal: Principal, member: Member): Promise<MeResponse> {
    // the committees from the root down to the member's branch
    const chain = await this.committees.chainTo(tx, member.committeeId);
    const hasDevices = (await this.devicesRepo.countActive(tx, member.id)) > 0;
    return toMeResponse(member, principal.username, chain, hasDevices);
  }

  /** The VAPID public key the browsers subscribe with (null while Web Push is off). */
  webPushConfig(): WebPushConfigResponse {
    const enabled = pushCredentialsComplete(this.config, 'webpush');
    return { enabled, vapidPublicKey: enabled ? this.config.WEB_PUSH_VAPID_PUBLIC_KEY! : null };
  }

  async devices(principal: Principal): Promise<DeviceResponse[]> {
    const tx = this.tx.none;
    const member = await this.member(tx, principal);
    return (await this.devicesRepo.newestFirst(tx, member.id)).map(toDeviceResponse);
  }

  /**
   * Registers an install (idempotent per deviceId). The member's first ever registration sets
   * `installedAt`, which no later registration moves and no unregistration clears.
   * The member row is locked, so concurrent registrations of one member run one after the other.
   */
  async registerDevice(principal: Principal, dto: RegisterDeviceDto): Promise<{ device: DeviceResponse; created: boolean }> {
    // checked before anything is written: a bad subscription registers nothing
    const push = dto.push ? this.pushTarget(dto.push) : undefined;
    try {
      return await this.registerDeviceIn(principal, dto, push);
    } catch (e) {
      // another member registered the same install at the same moment
      if (isActiveInstallConflict(e)) throw MeErrors.deviceNotFound();
      throw e;
    }
  }

  private registerDeviceIn(
    principal: Principal,
    dto: RegisterDeviceDto,
    push: PushTarget | undefined,
  ): Promise<{ device: DeviceResponse; created: boolean }> {
    return this.tx.run(async (tx) => {
      const member = await this.member(tx, principal, true);
      // an install is one member's at a time: another member's active registration of it is not
      // this member's to see or take over (the same 404 as an unknown install)
      if (await this.devicesRepo.activeElsewhere(tx, member.id, dto.deviceId)) throw MeErrors.deviceNotFound();
      const existing = await this.devicesRepo.findByDeviceId(tx, member.id, dto.deviceId);
      if (!existing || existing.unregisteredAt !== null) {
        const active = await this.devicesRepo.countActive(tx, member.id);
        if (active >= MAX_ACTIVE_DEVICES) throw MeErrors.tooManyDevices();
      }
      const now = new Date();
      let device: MemberDevice;
      if (existing) {
        device = await this.devicesRepo.refresh(tx, existing.id, { platform: dto.platform, appVersion: dto.appVersion, lastSeenAt: now });
      } else {
        device = await this.devicesRepo.create(tx, {
          memberId: member.id,
          deviceId: dto.deviceId,
          platform: dto.platform,
          appVersion: dto.appVersion,
          lastSeenAt: now,
        });
      }
      if (push) device = await this.devicesRepo.setPush(tx, device.id, push, now);
      if (member.installedAt === null) {
        await this.members.markInstalled(tx, member.id, now);
        await this.audit.record(tx, principal, {
          action: 'member.install',
          entityType: 'member',
          entityId: member.id,
          committeeId: member.committeeId,
          details: {
            changes: {
              installedAt: [null, now.toISOString()],
              ...(member.notInstalledReason ? { notInstalledReason: [member.notInstalledReason, null] } : {}),
            },
            platform: dto.platform,
            appVersion: dto.appVersion,
          },
        });
      }
      return { device: toDeviceResponse(device), created: !existing };
    });
  }

  /**
   * Sets or (null) removes the push subscription of one of the member's registered installs, for an
   * app that gets its token after registering or when the provider rotates it. An install that is
   * not the member's or no longer registered: 404.
   */
  async setDevicePush(principal: Principal, deviceId: string, push: PushSubscriptionDto | null): Promise<DeviceResponse> {
    if (!DEVICE_ID.test(deviceId)) throw MeErrors.deviceNotFound();
    const target = push ? this.pushTarget(push) : null;
    return this.tx.run(async (tx) => {
      const member = await this.member(tx, principal);
      const device = await this.devicesRepo.findByDeviceId(tx, member.id, deviceId);
      if (!device || device.unregisteredAt !== null) throw MeErrors.deviceNotFound();
      return toDeviceResponse(await this.devicesRepo.setPush(tx, device.id, target, new Date()));
    });
  }

  /** Unregisters an install; `installedAt` stays (it records the first install). Repeating it changes nothing. */
  async unregisterDevice(principal: Principal, deviceId: string): Promise<void> {
    if (!DEVICE_ID.test(deviceId)) throw MeErrors.deviceNotFound();
    await this.tx.run(async (tx) => {
      const member = await this.member(tx, principal);
      const device = await this.devicesRepo.findByDeviceId(tx, member.id, deviceId);
      if (!device) throw MeErrors.deviceNotFound();
      if (device.unregisteredAt === null) await this.devicesRepo.unregister(tx, device.id, new Date());
    });
  }

  /**
   * The self-service part of the member's personal-data export (the right to obtain one's data;
   * the privacy module puts the document together from every module's part): the record, the
   * devices and the correction requests. Reads through `tx`, so that the caller can read every
   * part from one snapshot.
   */
  async personalData(tx: Tx, principal: Principal): Promise<SelfServicePersonalData> {
    const member = await this.member(tx, principal);
    const record = await this.profileOf(tx, principal, member);
    const devices = await this.devicesRepo.oldestFirst(tx, member.id);
    const corrections = await this.corrections.oldestFirst(tx, member.id);
    return { member, record, devices: devices.map(toDeviceResponse), corrections: corrections.map(toMyCorrectionResponse) };
  }
}
