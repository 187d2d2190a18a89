import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { DEVICE_PLATFORMS, PUSH_PROVIDERS, type DevicePlatform, type PushProvider } from '../device.entity.js';
import { APNS_TOKEN, FCM_TOKEN, WEB_PUSH_HOSTS } from '../push-subscription.rules.js';

/** The client's own install id: 8-128 letters, digits or `. _ : -`. */
export const DEVICE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export class WebPushKeysDto {
  @ApiProperty({ description: "The subscription's P-256 public key: base64url of the 65-byte uncompressed point", maxLength: 100 })
  @IsString()
  @MaxLength(100)
  p256dh: string;

  @ApiProperty({ description: "The subscription's authentication secret: base64url of 16 bytes", maxLength: 32 })
  @IsString()
  @MaxLength(32)
  auth: string;
}

/** A browser's PushSubscription as `subscription.toJSON()` gives it (expirationTime, if sent, is ignored). */
export class WebPushSubscriptionDto {
  @ApiProperty({
    description: `The push service's URL for this subscription: https, on one of ${WEB_PUSH_HOSTS.join(', ')}`,
    maxLength: 2048,
    example: 'https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bH…',
  })
  @IsString()
  @MaxLength(2048)
  endpoint: string;

  @ApiProperty({ type: WebPushKeysDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WebPushKeysDto)
  keys: WebPushKeysDto;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Ignored (browsers send null)' })
  @IsOptional()
  @IsInt()
  expirationTime?: number | null;
}

/** The fields every push subscription has; the provider decides which class the body is read as. */
export class PushSubscriptionBaseDto {
  // documented by each subclass with its one value (the OpenAPI oneOf tells them apart by it)
  @IsIn(PUSH_PROVIDERS, { message: 'provider must be webpush, fcm or apns' })
  provider: PushProvider;
}

export class WebPushDto extends PushSubscriptionBaseDto {
  @ApiProperty({ enum: ['webpush'], description: 'Web Push (RFC 8030, VAPID), for the member web app' })
  declare provider: 'webpush';

  @ApiProperty({ type: WebPushSubscriptionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WebPushSubscriptionDto)
  subscription: WebPushSubscriptionDto;
}

export class FcmPushDto extends PushSubscriptionBaseDto {
  @ApiProperty({ enum: ['fcm'], description: 'Firebase Cloud Messaging (HTTP v1), for Android' })
  declare provider: 'fcm';

  @ApiProperty({ description: 'The FCM registration token', pattern: FCM_TOKEN.source })
  @IsString()
  @Matches(FCM_TOKEN, { message: 'token must be an FCM registration token: 100-4096 letters, digits or _ : -' })
  token: string;
}

export class ApnsPushDto extends PushSubscriptionBaseDto {
  @ApiProperty({ enum: ['apns'], description: 'Apple Push Notification service, for iOS' })
  declare provider: 'apns';

  @ApiProperty({ description: 'The APNs device token, hex', pattern: APNS_TOKEN.source })
  @IsString()
  @Matches(APNS_TOKEN, { message: 'token must be an APNs device token: 64-200 hex digits' })
  token: string;
}

export type PushSubscriptionDto = WebPushDto | FcmPushDto | ApnsPushDto;

/** The body is read as the class its `provider` names (an unknown provider fails on `provider`). */
const PUSH_TYPE = {
  discriminator: {
    property: 'provider',
    subTypes: [
      { value: WebPushDto, name: 'webpush' },
      { value: FcmPushDto, name: 'fcm' },
      { value: ApnsPushDto, name: 'apns' },
    ],
  },
  keepDiscriminatorProperty: true,
};

const PUSH_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(WebPushDto) }, { $ref: getSchemaPath(FcmPushDto) }, { $ref: getSchemaPath(ApnsPushDto) }],
  discriminator: {
    propertyName: 'provider',
    mapping: { webpush: getSchemaPath(WebPushDto), fcm: getSchemaPath(FcmPushDto), apns: getSchemaPath(ApnsPushDto) },
  },
};

@ApiExtraModels(WebPushDto, FcmPushDto, ApnsPushDto)
export class RegisterDeviceDto {
  @ApiProperty({
    description: "The app install's own id, stable across launches",
    pattern: DEVICE_ID.source,
    example: 'c3f1a2b4-7d9e-4f60-9a1b-2c3d4e5f6a7b',
  })
  @IsString()
  @Matches(DEVICE_ID, { message: 'deviceId must be 8-128 letters, digits or . _ : -' })
  deviceId: string;

  @ApiProperty({ enum: DEVICE_PLATFORMS, enumName: 'DevicePlatform' })
  @IsIn(DEVICE_PLATFORMS, { message: 'platform must be ios or android' })
  platform: DevicePlatform;

  @ApiProperty({ description: 'The app version', example: '2.3.1', pattern: '^[A-Za-z0-9.+_-]{1,32}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9.+_-]{1,32}$/, { message: 'appVersion must be 1-32 letters, digits or . + _ -' })
  appVersion: string;

  @ApiPropertyOptional({
    ...PUSH_SCHEMA,
    description:
      'Where to push notifications to this install. Absent: the stored subscription stays as it is ' +
      '(PUT /api/me/devices/{deviceId}/push changes or removes it later).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionBaseDto, PUSH_TYPE)
  push?: PushSubscriptionDto;
}

@ApiExtraModels(WebPushDto, FcmPushDto, ApnsPushDto)
export class UpdateDevicePushDto {
  @ApiProperty({
    // "a subscription, or null" as src/common/openapi.ts spells a nullable reference
    anyOf: [PUSH_SCHEMA, { type: 'object', nullable: true, enum: [null] }],
    description: 'The new subscription, or null to stop pushing to this install',
  })
  @ValidateIf((o: UpdateDevicePushDto) => o.push !== null)
  @IsDefined({ message: 'push must be a subscription or null' })
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionBaseDto, PUSH_TYPE)
  push: PushSubscriptionDto | null;
}
