import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';

const keys = new WeakMap<AppConfig, KeyObject>();

/**
 * The HS256 key as a KeyObject, made once per configuration. Given the secret as a string,
 * jsonwebtoken first tries `createPublicKey` on it (which throws) and then `createSecretKey`, on
 * every sign and verify: about 1 ms of CPU per authenticated request (docs/scaling.md, "Findings").
 */
export function jwtKey(config: AppConfig): KeyObject {
  let key = keys.get(config);
  if (!key) {
    key = createSecretKey(Buffer.from(config.JWT_SECRET!, 'utf8'));
    keys.set(config, key);
  }
  return key;
}
