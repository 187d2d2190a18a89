import { afterEach, describe, expect, it } from '@jest/globals';
import { testPushCredentials } from '../../../../test/support/push-stubs/push-credentials.js';
import { loadConfig } from '../../../config/app-config.js';
import { createPushProviders, type PushProviders } from './create-push-providers.js';

const credentials = testPushCredentials();
const message = { notificationId: 'n1', title: 'Thông báo', body: 'Nội dung' };

describe('createPushProviders', () => {
  let providers: PushProviders | undefined;
  afterEach(async () => {
    await providers?.close();
  });

  it('turns every provider off without credentials, says so in the start log, and sends nothing', async () => {
    const lines: string[] = [];
    providers = createPushProviders(loadConfig({}), { log: (line) => lines.push(line) });
    expect(providers.all.map((p) => [p.name, p.enabled])).toEqual([
      ['webpush', false],
      ['fcm', false],
      ['apns', false],
    ]);
    expect(lines).toEqual([
      'Web Push: off (WEB_PUSH_VAPID_PUBLIC_KEY, WEB_PUSH_VAPID_PRIVATE_KEY, WEB_PUSH_SUBJECT not set)',
      'FCM: off (FCM_PROJECT_ID, FCM_CLIENT_EMAIL, FCM_PRIVATE_KEY not set)',
      'APNs: off (APNS_KEY_ID, APNS_TEAM_ID, APNS_PRIVATE_KEY, APNS_TOPIC not set)',
    ]);
    await expect(providers.fcm.send({ provider: 'fcm', token: 't' }, message)).resolves.toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/fcm push is off/),
    });
  });

  it('turns on each provider whose credentials are complete, alone, and logs where it sends', () => {
    const lines: string[] = [];
    const { FCM_PROJECT_ID, FCM_CLIENT_EMAIL, FCM_PRIVATE_KEY } = credentials.env;
    providers = createPushProviders(loadConfig({ FCM_PROJECT_ID, FCM_CLIENT_EMAIL, FCM_PRIVATE_KEY, PUSH_CONCURRENCY_FCM: '20' }), {
      log: (line) => lines.push(line),
    });
    expect(providers.all.filter((p) => p.enabled).map((p) => p.name)).toEqual(['fcm']);
    expect(lines[1]).toBe('FCM: on (project so-tay-dang-vien-test at https://fcm.googleapis.com, 20 at once)');
    expect(providers.for({ provider: 'apns', token: 'x' })).toBe(providers.apns);
  });

  it('turns all three on with all credentials', () => {
    providers = createPushProviders(loadConfig(credentials.env), { log: () => undefined });
    expect(providers.all.every((p) => p.enabled)).toBe(true);
  });
});
