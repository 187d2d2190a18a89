import { sign, type KeyObject } from 'node:crypto';

/**
 * A compact JWS of `claims`, signed with node:crypto: RS256 (an RSA key, the Google service-account
 * grant) or ES256 (a P-256 key, APNs provider tokens; the signature is r‖s as JWS wants, not DER).
 * Two algorithms and one line of crypto each do not need a JOSE library.
 */
export function signJwt(
  alg: 'RS256' | 'ES256',
  key: KeyObject,
  claims: Record<string, unknown>,
  header: Record<string, string> = {},
): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode({ alg, typ: 'JWT', ...header })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}
