import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { DEVICE_PLATFORMS, type DevicePlatform } from '../device.entity.js';

/** The client's own install id: 8-128 letters, digits or `. _ : -`. */
export const DEVICE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

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
}
