import { describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { verifyAccessToken } from './access-token.js';

const key = createSecretKey(Buffer.from('a-test-secret-of-enough-length-0123456789', 'utf8'));
const jwt = new JwtService({ secret: key, signOptions: { algorithm: 'HS256', expiresIn: 900 } });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('verifyAccessToken (the bearer check of every request)', () => {
  it("accepts what auth.service signs, and agrees with jsonwebtoken's verify", () => {
    const token = jwt.sign({ sub: 'user-1', sid: 'session-1' });
    expect(verifyAccessToken(key, token)).toEqual({ sub: 'user-1', sid: 'session-1' });
    expect(jwt.verify(token, { algorithms: ['HS256'] })).toMatchObject({ sub: 'user-1', sid: 'session-1' });
  });

  it('refuses an expired token, and one not yet valid', () => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ sub: 'u', sid: 's' }, { expiresIn: 60 });
    expect(verifyAccessToken(key, token, now + 59)).not.toBeNull();
    expect(verifyAccessToken(key, token, now + 60)).toBeNull();
    expect(verifyAccessToken(key, jwt.sign({ sub: 'u', sid: 's' }, { notBefore: 60 }))).toBeNull();
  });

  it('refuses another key, a changed claim, alg none, a token without exp and malformed tokens', () => {
    const token = jwt.sign({ sub: 'u', sid: 's' });
    const [header, payload, signature] = token.split('.');
    const other = new JwtService({ secret: 'another-secret-of-enough-length-0123456789' });
    expect(verifyAccessToken(key, other.sign({ sub: 'u', sid: 's' }, { expiresIn: 900 }))).toBeNull();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    expect(verifyAccessToken(key, `${header}.${b64({ ...claims, sub: 'admin' })}.${signature}`)).toBeNull();
    expect(verifyAccessToken(key, `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toBeNull();
    // signed with the right key, but without exp: never one of ours
    expect(verifyAccessToken(key, new JwtService({ secret: key }).sign({ sub: 'u', sid: 's' }))).toBeNull();
    expect(verifyAccessToken(key, jwt.sign({ sub: 'u' }))).toBeNull();
    for (const bad of [
      '',
      'a.b',
      `${token}.x`,
      `${header}.${payload}`,
      `${header}.${payload}.${signature}x`,
      `${header}.!!.${signature}`,
    ]) {
      expect(verifyAccessToken(key, bad)).toBeNull();
    }
  });
});
