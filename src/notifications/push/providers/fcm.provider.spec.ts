import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { FCM_REPLIES, FcmStub } from '../../../../test/support/push-stubs/fcm-stub.js';
import { testPushCredentials } from '../../../../test/support/push-stubs/push-credentials.js';
import { loadConfig } from '../../../config/app-config.js';
import { FcmProvider } from './fcm.provider.js';
import { collapseKey } from './push-payload.js';
import type { PushMessage } from './push-provider.js';

const credentials = testPushCredentials();

const message: PushMessage = {
  notificationId: '7d2c4b1a-0e3f-4a5b-8c9d-1e2f3a4b5c6d',
  title: 'Thông báo của Đảng ủy xã',
  body: 'Đề nghị các đồng chí đảng viên hoàn thành khảo sát "Lấy ý kiến dự thảo văn kiện" trước ngày 20/10.',
  link: { type: 'survey', id: '17' },
  ttlSeconds: 86_400,
};

let tokenCounter = 0;
const deviceToken = () => `fcm-token-${++tokenCounter}-${'x'.repeat(120)}`;

describe('FCM HTTP v1 provider, against an FCM and OAuth stub', () => {
  let stub: FcmStub;
  const provider = (env: Record<string, string> = {}) => {
    const config = loadConfig({
      ...credentials.env,
      FCM_BASE_URL: stub.url,
      FCM_TOKEN_URL: stub.tokenUrl,
      PUSH_TIMEOUT_MS: '1000',
      ...env,
    });
    return new FcmProvider(config, { concurrency: config.PUSH_CONCURRENCY_FCM, timeoutMs: config.PUSH_TIMEOUT_MS });
  };

  beforeAll(async () => {
    stub = await FcmStub.start(credentials.fcm);
  });
  afterEach(() => {
    stub.replies.reset();
    stub.holdMs = 0;
  });
  afterAll(async () => {
    await stub.close();
  });

  it('delivers the message with the text intact and the link as data, after the service-account token exchange', async () => {
    const fcm = provider();
    const token = deviceToken();
    await expect(fcm.send({ provider: 'fcm', token }, message)).resolves.toEqual({ status: 'sent' });
    expect(stub.refused).toEqual([]);
    expect(stub.received.find((m) => m.token === token)).toEqual({
      token,
      notification: { title: 'Thông báo của Đảng ủy xã', body: message.body },
      data: { notificationId: message.notificationId, linkType: 'survey', linkId: '17' },
      android: { priority: 'HIGH', ttl: '86400s', notification: { tag: collapseKey(message.notificationId) } },
    });
  });

  it('asks for one access token and reuses it, also for sends started at once', async () => {
    const fcm = provider();
    const before = stub.tokenRequests;
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => fcm.send({ provider: 'fcm', token: deviceToken() }, message)));
    await fcm.send({ provider: 'fcm', token: deviceToken() }, message);
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(stub.tokenRequests - before).toBe(1);
    expect(fcm.tokensIssued).toBe(1);
  });

  it('on 401 gets a new access token once and sends again', async () => {
    const fcm = provider();
    await fcm.send({ provider: 'fcm', token: deviceToken() }, message);
    const before = stub.tokenRequests;
    stub.expireTokens();
    const token = deviceToken();
    await expect(fcm.send({ provider: 'fcm', token }, message)).resolves.toEqual({ status: 'sent' });
    expect(stub.tokenRequests - before).toBe(1);
    expect(stub.attempts.get(token)).toBe(1); // the 401 came before the message was looked at
    expect(stub.received.filter((m) => m.token === token)).toHaveLength(1);
  });

  it('classifies the answers: UNREGISTERED and a bad token gone, quota and outage retry, a bad payload failed', async () => {
    const fcm = provider();
    const cases: [keyof typeof FCM_REPLIES, object][] = [
      ['unregistered', { status: 'gone', reason: expect.stringMatching(/UNREGISTERED/) }],
      ['invalidToken', { status: 'gone' }],
      ['quota', { status: 'retry', retryAfterMs: 30_000 }],
      ['unavailable', { status: 'retry' }],
      ['invalidPayload', { status: 'failed', reason: expect.stringMatching(/INVALID_ARGUMENT/) }],
    ];
    for (const [reply, outcome] of cases) {
      const token = deviceToken();
      stub.replies.queue(token, FCM_REPLIES[reply]);
      await expect(fcm.send({ provider: 'fcm', token }, message)).resolves.toMatchObject(outcome);
    }
  });

  it('fails (does not retry) when the token endpoint refuses the service account key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const fcm = provider({ FCM_PRIVATE_KEY: other });
    const token = deviceToken();
    await expect(fcm.send({ provider: 'fcm', token }, message)).resolves.toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/access token: 400 .*invalid_grant/),
    });
    expect(stub.attempts.get(token)).toBeUndefined();
  });

  it('answers retry when FCM does not answer in time', async () => {
    const fcm = provider({ PUSH_TIMEOUT_MS: '200' });
    const token = deviceToken();
    stub.replies.queue(token, { status: 200, hang: true });
    await expect(fcm.send({ provider: 'fcm', token }, message)).resolves.toMatchObject({ status: 'retry' });
  });

  it('keeps at most PUSH_CONCURRENCY_FCM requests in flight', async () => {
    const fcm = provider({ PUSH_CONCURRENCY_FCM: '4' });
    await fcm.send({ provider: 'fcm', token: deviceToken() }, message); // the token exchange out of the way
    stub.holdMs = 40;
    stub.inFlight.reset();
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => fcm.send({ provider: 'fcm', token: deviceToken() }, message)));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(stub.inFlight.max).toBeLessThanOrEqual(4);
    expect(stub.inFlight.max).toBeGreaterThan(1);
  });
});
