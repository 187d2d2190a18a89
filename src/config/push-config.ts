import { createECDH, createPrivateKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from './app-config.js';

/** The credentials of each push provider: all of a group, or none of it (the provider is then off). */
export const PUSH_CREDENTIALS = {
  webpush: ['WEB_PUSH_VAPID_PUBLIC_KEY', 'WEB_PUSH_VAPID_PRIVATE_KEY', 'WEB_PUSH_SUBJECT'],
  fcm: ['FCM_PROJECT_ID', 'FCM_CLIENT_EMAIL', 'FCM_PRIVATE_KEY'],
  apns: ['APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_PRIVATE_KEY', 'APNS_TOPIC'],
} as const satisfies Record<string, readonly (keyof AppConfig)[]>;

export type PushProviderName = keyof typeof PUSH_CREDENTIALS;

/** The optional variables loadConfig must read although AppConfig has no default for them. */
export const PUSH_CREDENTIAL_VARIABLES: readonly string[] = Object.values(PUSH_CREDENTIALS).flat();

/** Whether every credential of the provider is set (the provider is on). */
export function pushCredentialsComplete(config: AppConfig, provider: PushProviderName): boolean {
  return PUSH_CREDENTIALS[provider].every((key) => Boolean(config[key]));
}

/** A PEM from the environment: `\n` written as two characters (one-line .env files) is a line break. */
export function pemFromEnv(value: string): string {
  return value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n').trim() + '\n' : value;
}

function privateKey(value: string): KeyObject | null {
  try {
    return createPrivateKey(pemFromEnv(value));
  } catch {
    return null;
  }
}

function base64urlBytes(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url') : null;
}

/**
 * The first problem with the push variables, or null: a provider given some of its credentials but
 * not all (a typo must not silently switch push off), or a key that cannot be what it claims to be.
 */
export function pushConfigProblem(config: AppConfig): string | null {
  for (const [provider, keys] of Object.entries(PUSH_CREDENTIALS)) {
    const missing = keys.filter((key) => !config[key]);
    if (missing.length && missing.length < keys.length) {
      return `${missing.join(', ')}: missing, while ${keys.filter((k) => !missing.includes(k)).join(', ')} ${keys.length - missing.length > 1 ? 'are' : 'is'} set (${provider} push needs all of ${keys.join(', ')}, or none to leave it off)`;
    }
  }
  if (pushCredentialsComplete(config, 'webpush')) {
    const publicKey = base64urlBytes(config.WEB_PUSH_VAPID_PUBLIC_KEY!);
    const secret = base64urlBytes(config.WEB_PUSH_VAPID_PRIVATE_KEY!);
    if (!publicKey || publicKey.length !== 65 || publicKey[0] !== 4) {
      return 'WEB_PUSH_VAPID_PUBLIC_KEY: must be an uncompressed P-256 public key, base64url (65 bytes)';
    }
    if (!secret || secret.length !== 32) return 'WEB_PUSH_VAPID_PRIVATE_KEY: must be a P-256 private key, base64url (32 bytes)';
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(secret);
    } catch {
      return 'WEB_PUSH_VAPID_PRIVATE_KEY: not a valid P-256 private key';
    }
    if (!ecdh.getPublicKey().equals(publicKey)) {
      return 'WEB_PUSH_VAPID_PUBLIC_KEY/WEB_PUSH_VAPID_PRIVATE_KEY: not a key pair (the public key does not belong to the private key)';
    }
  }
  if (pushCredentialsComplete(config, 'fcm')) {
    const key = privateKey(config.FCM_PRIVATE_KEY!);
    if (key?.asymmetricKeyType !== 'rsa') {
      return 'FCM_PRIVATE_KEY: must be the RSA private key (PEM) of the service account ("private_key" in its JSON file)';
    }
  }
  if (pushCredentialsComplete(config, 'apns')) {
    const key = privateKey(config.APNS_PRIVATE_KEY!);
    if (key?.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      return 'APNS_PRIVATE_KEY: must be the P-256 signing key (PEM, the contents of the AuthKey_<id>.p8 file)';
    }
  }
  return null;
}
