import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import webpush from 'web-push';

/**
 * Fresh credentials for the three push providers, as their consoles would give them: a VAPID key
 * pair, a Google service account (RSA key, PEM), an APNs signing key (P-256, the .p8 PEM). Each test
 * file makes its own; nothing here is a real credential.
 */
export function testPushCredentials(): {
  env: Record<string, string>;
  vapidPublicKey: string;
  fcm: { projectId: string; clientEmail: string; publicKey: KeyObject };
  apns: { keyId: string; teamId: string; topic: string; publicKey: KeyObject };
} {
  const vapid = webpush.generateVAPIDKeys();
  const google = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const apple = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const fcm = { projectId: 'so-tay-dang-vien-test', clientEmail: 'push@so-tay-dang-vien-test.iam.gserviceaccount.com' };
  const apns = { keyId: 'ABC123DEFG', teamId: 'TEAM123456', topic: 'vn.sotaydangvien.app' };
  return {
    env: {
      WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
      WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
      WEB_PUSH_SUBJECT: 'mailto:push@sotaydangvien.vn',
      FCM_PROJECT_ID: fcm.projectId,
      FCM_CLIENT_EMAIL: fcm.clientEmail,
      // as a one-line .env file holds it
      FCM_PRIVATE_KEY: (google.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/\n/g, '\\n'),
      APNS_KEY_ID: apns.keyId,
      APNS_TEAM_ID: apns.teamId,
      APNS_PRIVATE_KEY: apple.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      APNS_TOPIC: apns.topic,
    },
    vapidPublicKey: vapid.publicKey,
    fcm: { ...fcm, publicKey: createPublicKey(google.privateKey) },
    apns: { ...apns, publicKey: createPublicKey(apple.privateKey) },
  };
}
