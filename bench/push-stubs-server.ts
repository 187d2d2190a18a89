/**
 * The three push services of the tests (test/support/push-stubs: Web Push, FCM HTTP v1 with its OAuth
 * token endpoint, APNs over h2c) in a process of their own, for bench/push-fanout.ts: their CPU (JWT
 * checks, Web Push decryption) is then not the app's. Fresh credentials each start; prints ONE line of
 * JSON on stdout: `{ env, webPush }`, the app's environment (credentials and base URLs) and the shared
 * Web Push subscription (every endpoint `<webPush.endpoint><anything>` shares its keys). Then, every
 * 2 s, a line `{ "stats": … }` with the pushes accepted and refused so far (and a refusal's reason).
 * The stubs' records of what they received are emptied as it goes (a national fan-out is millions).
 */
import { ApnsStub } from '../test/support/push-stubs/apns-stub.js';
import { FcmStub } from '../test/support/push-stubs/fcm-stub.js';
import { testPushCredentials } from '../test/support/push-stubs/push-credentials.js';
import { WebPushStub } from '../test/support/push-stubs/web-push-stub.js';

export interface PushStubsStats {
  accepted: { webpush: number; fcm: number; apns: number };
  refused: number;
  lastRefusal?: string;
}

async function main(): Promise<void> {
  const creds = testPushCredentials();
  const webPush = await WebPushStub.start(creds.vapidPublicKey);
  const fcm = await FcmStub.start(creds.fcm);
  const apns = await ApnsStub.start(creds.apns);
  const subscription = webPush.subscribeShared('bench-');
  const env: Record<string, string> = {
    ...creds.env,
    FCM_BASE_URL: fcm.url,
    FCM_TOKEN_URL: fcm.tokenUrl,
    APNS_BASE_URL: apns.url,
    WEB_PUSH_EXTRA_HOSTS: new URL(webPush.url).host,
  };
  process.stdout.write(JSON.stringify({ env, webPush: subscription }) + '\n');

  const stats: PushStubsStats = { accepted: { webpush: 0, fcm: 0, apns: 0 }, refused: 0 };
  const drain = () => {
    stats.accepted.webpush += webPush.received.splice(0).length;
    stats.accepted.fcm += fcm.received.splice(0).length;
    stats.accepted.apns += apns.received.splice(0).length;
    const refused = [...webPush.refused.splice(0), ...fcm.refused.splice(0), ...apns.refused.splice(0)];
    stats.refused += refused.length;
    if (refused.length) stats.lastRefusal = `${refused[0].status} ${refused[0].reason}`;
    webPush.attempts.clear();
    fcm.attempts.clear();
    apns.attempts.clear();
    process.stdout.write(JSON.stringify({ stats }) + '\n');
  };
  const timer = setInterval(drain, 2000);
  const stop = async () => {
    clearInterval(timer);
    drain();
    await Promise.all([webPush.close(), fcm.close(), apns.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
