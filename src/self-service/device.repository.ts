import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { MemberDevice } from './device.entity.js';

/** The `member_devices` table: a member's app installs. */
@Injectable()
export class MemberDeviceRepository {
  countActive(tx: Tx, memberId: string): Promise<number> {
    return tx.countBy(MemberDevice, { memberId, unregisteredAt: IsNull() });
  }

  /** Newest registration first (the member's list). */
  newestFirst(tx: Tx, memberId: string): Promise<MemberDevice[]> {
    return tx.getRepository(MemberDevice).find({ where: { memberId }, order: { registeredAt: 'DESC', id: 'ASC' } });
  }

  /** Oldest registration first (the personal-data export). */
  oldestFirst(tx: Tx, memberId: string): Promise<MemberDevice[]> {
    return tx.getRepository(MemberDevice).find({ where: { memberId }, order: { registeredAt: 'ASC', id: 'ASC' } });
  }

  findByDeviceId(tx: Tx, memberId: string, deviceId: string): Promise<MemberDevice | null> {
    return tx.findOneBy(MemberDevice, { memberId, deviceId });
  }

  /** A registration of a known install again: its platform and version refreshed, registered again. */
  async refresh(tx: Tx, id: string, values: Pick<MemberDevice, 'platform' | 'appVersion' | 'lastSeenAt'>): Promise<MemberDevice> {
    await tx.update(MemberDevice, { id }, { ...values, unregisteredAt: null });
    return tx.findOneByOrFail(MemberDevice, { id });
  }

  create(tx: Tx, values: Pick<MemberDevice, 'memberId' | 'deviceId' | 'platform' | 'appVersion' | 'lastSeenAt'>): Promise<MemberDevice> {
    return tx.save(tx.create(MemberDevice, values));
  }

  async unregister(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(MemberDevice, { id }, { unregisteredAt: at });
  }
}
