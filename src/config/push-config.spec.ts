import { describe, expect, it } from '@jest/globals';
import webpush from 'web-push';
import { generateKeyPairSync } from 'node:crypto';
import { testPushCredentials } from '../../test/support/push-stubs/push-credentials.js';
import { loadConfig } from './app-config.js';

const { env } = testPushCredentials();

describe('push configuration', () => {
  it('needs none of it: every provider is optional', () => {
    expect(loadConfig({})).toMatchObject({
      FCM_BASE_URL: 'https://fcm.googleapis.com',
      APNS_BASE_URL: 'https://api.push.apple.com',
      PUSH_CONCURRENCY_FCM: 50,
    });
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('refuses to start with part of a provider credentials, naming what is missing', () => {
    expect(() =>
      loadConfig({ WEB_PUSH_VAPID_PUBLIC_KEY: env.WEB_PUSH_VAPID_PUBLIC_KEY, WEB_PUSH_VAPID_PRIVATE_KEY: env.WEB_PUSH_VAPID_PRIVATE_KEY }),
    ).toThrow(/WEB_PUSH_SUBJECT: missing, while WEB_PUSH_VAPID_PUBLIC_KEY, WEB_PUSH_VAPID_PRIVATE_KEY are set/);
    expect(() => loadConfig({ FCM_PROJECT_ID: 'p' })).toThrow(/FCM_CLIENT_EMAIL, FCM_PRIVATE_KEY: missing/);
    const { APNS_TOPIC: _topic, ...apnsWithoutTopic } = env;
    expect(() => loadConfig(apnsWithoutTopic)).toThrow(/APNS_TOPIC: missing/);
  });

  it('refuses keys that cannot be what they claim', () => {
    const otherVapid = webpush.generateVAPIDKeys();
    expect(() => loadConfig({ ...env, WEB_PUSH_VAPID_PRIVATE_KEY: otherVapid.privateKey })).toThrow(/not a key pair/);
    expect(() => loadConfig({ ...env, WEB_PUSH_VAPID_PUBLIC_KEY: 'abc' })).toThrow(/WEB_PUSH_VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ ...env, WEB_PUSH_SUBJECT: 'push@sotaydangvien.vn' })).toThrow(/WEB_PUSH_SUBJECT must be a mailto:/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => loadConfig({ ...env, FCM_PRIVATE_KEY: ec })).toThrow(/FCM_PRIVATE_KEY: must be the RSA private key/);
    expect(() => loadConfig({ ...env, APNS_PRIVATE_KEY: 'not a key' })).toThrow(/APNS_PRIVATE_KEY: must be the P-256 signing key/);
    expect(() => loadConfig({ ...env, APNS_KEY_ID: 'abc' })).toThrow(/APNS_KEY_ID must be the 10-character key id/);
    expect(() => loadConfig({ PUSH_CONCURRENCY_APNS: '0' })).toThrow(/PUSH_CONCURRENCY_APNS/);
  });
});
