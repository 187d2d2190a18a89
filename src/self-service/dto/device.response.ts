import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_PLATFORMS, PUSH_PROVIDERS, type DevicePlatform, type MemberDevice, type PushProvider } from '../device.entity.js';

/** One install of the app, as its member sees it. */
export class DeviceResponse {
  @ApiProperty() deviceId: string;
  @ApiProperty({ enum: DEVICE_PLATFORMS, enumName: 'DevicePlatform' }) platform: DevicePlatform;
  @ApiProperty() appVersion: string;
  @ApiProperty({ description: 'false once unregistered' }) active: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) registeredAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) lastSeenAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) unregisteredAt: Date | null;
  @ApiProperty({
    enum: PUSH_PROVIDERS,
    enumName: 'PushProvider',
    nullable: true,
    description: 'How notifications are pushed to this install; null: not at all (the token and keys are never shown)',
  })
  pushProvider: PushProvider | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the push subscription was last set or removed' })
  pushUpdatedAt: Date | null;
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
    pushProvider: d.pushProvider,
    pushUpdatedAt: d.pushUpdatedAt,
  };
}

/** What a browser needs to subscribe to Web Push for this server. */
export class WebPushConfigResponse {
  @ApiProperty({ description: 'Whether this server sends Web Push (its VAPID credentials are set)' })
  enabled: boolean;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      "The VAPID public key (base64url of the 65-byte P-256 point): the browser's `pushManager.subscribe({ applicationServerKey })`. " +
      'null while Web Push is off.',
  })
  vapidPublicKey: string | null;
}
