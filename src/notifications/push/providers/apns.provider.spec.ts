import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { APNS_REPLIES, ApnsStub } from '../../../../test/support/push-stubs/apns-stub.js';
import { delay, nowSeconds } from '../../../../test/support/push-stubs/stub-common.js';
import { testPushCredentials } from '../../../../test/support/push-stubs/push-credentials.js';
import { loadConfig } from '../../../config/app-config.js';
import { ApnsProvider } from './apns.provider.js';
import { collapseKey } from './push-payload.js';
import type { PushMessage } from './push-provider.js';

const credentials = testPushCredentials();

const message: PushMessage = {
  notificationId: '3f1e2d3c-4b5a-4c6d-9e8f-7a6b5c4d3e2f',
  title: 'Biểu quyết đã mở',
  body: 'Chi bộ đang biểu quyết "Thông qua nghị quyết chuyên đề quý III". Mời đồng chí bỏ phiếu.',
  link: { type: 'motion', id: '9' },
  ttlSeconds: 600,
};

const deviceToken = () => randomBytes(32).toString('hex');

describe('APNs provider, against an HTTP/2 APNs stub', () => {
  let stub: ApnsStub;
  const providers: ApnsProvider[] = [];
  const provider = (env: Record<string, string> = {}) => {
    const config = loadConfig({ ...credentials.env, APNS_BASE_URL: stub.url, PUSH_TIMEOUT_MS: '1000', ...env });
    const apns = new ApnsProvider(config, { concurrency: config.PUSH_CONCURRENCY_APNS, timeoutMs: config.PUSH_TIMEOUT_MS });
    providers.push(apns);
    return apns;
  };

  beforeAll(async () => {
    stub = await ApnsStub.start(credentials.apns);
  });
  afterEach(async () => {
    stub.replies.reset();
    stub.holdMs = 0;
    await Promise.all(providers.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await stub.close();
  });

  it('delivers the alert with the text intact, authenticated by the provider token, on one reused HTTP/2 session', async () => {
    const apns = provider();
    const sessionsBefore = stub.sessionCount;
    const tokens = [deviceToken(), deviceToken(), deviceToken()];
    for (const token of tokens) await expect(apns.send({ provider: 'apns', token }, message)).resolves.toEqual({ status: 'sent' });
    await Promise.all(tokens.map((token) => apns.send({ provider: 'apns', token }, message)));
    expect(stub.refused).toEqual([]);
    const received = stub.received.filter((r) => tokens.includes(r.deviceToken));
    expect(received).toHaveLength(6);
    expect(received[0].payload).toEqual({
      aps: { alert: { title: 'Biểu quyết đã mở', body: message.body }, sound: 'default' },
      notificationId: message.notificationId,
      link: { type: 'motion', id: '9' },
    });
    expect(received[0].headers).toMatchObject({
      topic: 'vn.sotaydangvien.app',
      pushType: 'alert',
      priority: '10',
      collapseId: collapseKey(message.notificationId),
    });
    expect(Number(received[0].headers.expiration)).toBeGreaterThan(nowSeconds());
    expect(stub.sessionCount - sessionsBefore).toBe(1);
    expect(new Set(received.map((r) => r.session)).size).toBe(1);
    expect(apns.sessionsOpened).toBe(1);
  });

  it('opens a new session after the server says GOAWAY, and the next push is delivered', async () => {
    const apns = provider();
    await expect(apns.send({ provider: 'apns', token: deviceToken() }, message)).resolves.toEqual({ status: 'sent' });
    expect(apns.connected).toBe(true);
    stub.goAway();
    while (apns.connected) await delay(10); // until the GOAWAY frame reaches the client
    const token = deviceToken();
    await expect(apns.send({ provider: 'apns', token }, message)).resolves.toEqual({ status: 'sent' });
    expect(apns.sessionsOpened).toBe(2);
    expect(stub.received.filter((r) => r.deviceToken === token)).toHaveLength(1);
  });

  it('classifies the answers: 410 Unregistered and BadDeviceToken gone, 429 and 500 retry, 413 failed', async () => {
    const apns = provider();
    const cases: [keyof typeof APNS_REPLIES, object][] = [
      ['unregistered', { status: 'gone', reason: '410 Unregistered' }],
      ['badDeviceToken', { status: 'gone', reason: '400 BadDeviceToken' }],
      ['tooManyRequests', { status: 'retry' }],
      ['internalError', { status: 'retry' }],
      ['payloadTooLarge', { status: 'failed' }],
    ];
    for (const [reply, outcome] of cases) {
      const token = deviceToken();
      stub.replies.queue(token, APNS_REPLIES[reply]);
      await expect(apns.send({ provider: 'apns', token }, message)).resolves.toMatchObject(outcome);
    }
    expect(apns.sessionsOpened).toBe(1);
  });

  it('calls a token that is not hex gone without putting it in a request path', async () => {
    const apns = provider();
    await expect(apns.send({ provider: 'apns', token: '../../3/device/abc?x=1' }, message)).resolves.toMatchObject({ status: 'gone' });
    expect(apns.sessionsOpened).toBe(0);
  });

  it('signs a new provider token when APNs says the old one expired, and delivers', async () => {
    const apns = provider();
    await expect(apns.send({ provider: 'apns', token: deviceToken() }, message)).resolves.toEqual({ status: 'sent' });
    stub.tokensIssuedBefore = nowSeconds() + 1; // the provider's cached token is now "older than an hour"
    while (nowSeconds() < stub.tokensIssuedBefore) await delay(50);
    const token = deviceToken();
    await expect(apns.send({ provider: 'apns', token }, message)).resolves.toEqual({ status: 'sent' });
    expect(stub.refused.filter((r) => r.deviceToken === token)).toEqual([
      { deviceToken: token, status: 403, reason: 'ExpiredProviderToken' },
    ]);
    expect(stub.received.filter((r) => r.deviceToken === token)).toHaveLength(1);
  });

  it('fails, without calling the device gone, when the topic is not the app APNs knows', async () => {
    const apns = provider({ APNS_TOPIC: 'vn.other.app' });
    await expect(apns.send({ provider: 'apns', token: deviceToken() }, message)).resolves.toMatchObject({
      status: 'failed',
      reason: '400 TopicDisallowed',
    });
  });

  it('answers retry when APNs does not answer in time, and when it cannot be reached', async () => {
    const apns = provider({ PUSH_TIMEOUT_MS: '200' });
    const token = deviceToken();
    stub.replies.queue(token, { status: 200, hang: true });
    await expect(apns.send({ provider: 'apns', token }, message)).resolves.toMatchObject({ status: 'retry' });
    const down = provider({ APNS_BASE_URL: 'http://127.0.0.1:9' });
    await expect(down.send({ provider: 'apns', token }, message)).resolves.toMatchObject({
      status: 'retry',
      reason: expect.stringMatching(/network/),
    });
  });

  it('keeps at most PUSH_CONCURRENCY_APNS streams in flight', async () => {
    const apns = provider({ PUSH_CONCURRENCY_APNS: '2' });
    stub.holdMs = 40;
    stub.inFlight.reset();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => apns.send({ provider: 'apns', token: deviceToken() }, message)));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(stub.inFlight.max).toBeLessThanOrEqual(2);
    expect(stub.inFlight.max).toBe(2);
  });
});
