import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_PLATFORMS, type DevicePlatform, type MemberDevice } from '../device.entity.js';

/** One install of the app, as its member sees it. */
export class DeviceResponse {
  @ApiProperty() deviceId: string;
  @ApiProperty({ enum: DEVICE_PLATFORMS, enumName: 'DevicePlatform' }) platform: DevicePlatform;
  @ApiProperty() appVersion: string;
  @ApiProperty({ description: 'false once unregistered' }) active: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) registeredAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) lastSeenAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) unregisteredAt: Date | null;
}

export function toDeviceResponse(d: MemberDevice): DeviceResponse {
  return {
    deviceId: d.deviceId,
    platform: d.platform,
    appVersion: d.appVersion,
    active: d.unregisteredAt === null,
    registeredAt: d.registeredAt,
    lastSeenAt: d.lastSeenAt,
    unregisteredAt: d.unregisteredAt,
  };
}
