import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../../common/validation.js';
import { RegisterDeviceDto } from './device.dto.js';

const validate = (body: object) =>
  Object.keys(
    flattenValidationErrors(validateSync(plainToInstance(RegisterDeviceDto, body), { whitelist: true, forbidNonWhitelisted: true })),
  ).sort();

describe('RegisterDeviceDto', () => {
  it('accepts an install id of 8-128 of [A-Za-z0-9._:-], ios or android, and a version', () => {
    expect(validate({ deviceId: 'c3f1a2b4-7d9e-4f60-9a1b-2c3d4e5f6a7b', platform: 'ios', appVersion: '2.3.1' })).toEqual([]);
    expect(validate({ deviceId: 'A.b_c:d-', platform: 'android', appVersion: '1.0.0-beta+5' })).toEqual([]);
    expect(validate({ deviceId: 'x'.repeat(128), platform: 'android', appVersion: '1' })).toEqual([]);
  });

  it('refuses everything else, field by field', () => {
    expect(validate({ deviceId: 'short', platform: 'ios', appVersion: '1' })).toEqual(['deviceId']);
    expect(validate({ deviceId: 'x'.repeat(129), platform: 'ios', appVersion: '1' })).toEqual(['deviceId']);
    expect(validate({ deviceId: 'has a space', platform: 'ios', appVersion: '1' })).toEqual(['deviceId']);
    expect(validate({ deviceId: 'abcdefgh', platform: 'windows', appVersion: '1' })).toEqual(['platform']);
    expect(validate({ deviceId: 'abcdefgh', platform: 'ios', appVersion: '' })).toEqual(['appVersion']);
    expect(validate({ deviceId: 'abcdefgh', platform: 'ios', appVersion: 'v'.repeat(33) })).toEqual(['appVersion']);
    expect(validate({})).toEqual(['appVersion', 'deviceId', 'platform']);
  });
});
