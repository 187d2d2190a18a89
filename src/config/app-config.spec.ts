import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives working defaults for a newcomer with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', JWT_ACCESS_TTL: 900, DEMO_MEMBERS: 10000 });
    expect(c.embeddedDatabase).toBe(true);
    expect(c.seedDemo).toBe(true);
  });

  it('does not seed the demo into a real database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('refuses to seed the demo accounts (published password) in production, naming the variables', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...prod, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO.*NODE_ENV=production/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: '1' })).toThrow(/SEED_DEMO/);
    // the embedded database seeds by default elsewhere, never in production
    expect(loadConfig(prod).seedDemo).toBe(false);
    expect(loadConfig({ ...prod, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/SEED_DEMO/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('takes the anonymity threshold of surveys, 5 by default, and refuses one that protects nobody', () => {
    expect(loadConfig({}).SURVEY_ANONYMITY_K).toBe(5);
    expect(loadConfig({ SURVEY_ANONYMITY_K: '10' }).SURVEY_ANONYMITY_K).toBe(10);
    for (const bad of ['1', '0', 'five']) expect(() => loadConfig({ SURVEY_ANONYMITY_K: bad })).toThrow(/SURVEY_ANONYMITY_K/);
  });

  it('refuses production without an explicit JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).JWT_SECRET).toHaveLength(40);
  });

  it('wants the first admin account named and given a password together', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'root' })).toThrow(/ADMIN_USERNAME\/ADMIN_PASSWORD/);
    expect(() => loadConfig({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('refuses an ADMIN_PASSWORD that fails the password policy, saying why', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'Password2025!' })).toThrow(
      /ADMIN_PASSWORD: The password is one of the most common/,
    );
    expect(() => loadConfig({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'quantri-2025-xyz' })).toThrow(
      /ADMIN_PASSWORD: The password must not contain the username/,
    );
    expect(loadConfig({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'Ban-chap-hanh-khoa-20' }).ADMIN_PASSWORD).toBe('Ban-chap-hanh-khoa-20');
  });

  it('turns Swagger UI off by default in production only; an explicit value wins', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig(prod).SWAGGER_ENABLED).toBe(false);
    expect(loadConfig({ ...prod, SWAGGER_ENABLED: 'true' }).SWAGGER_ENABLED).toBe(true);
    expect(loadConfig({}).SWAGGER_ENABLED).toBe(true);
    expect(loadConfig({ SWAGGER_ENABLED: 'false' }).SWAGGER_ENABLED).toBe(false);
  });

  it('has limits and timeouts by default, and refuses nonsense', () => {
    expect(loadConfig({})).toMatchObject({
      LOCKOUT_THRESHOLD: 10,
      LOCKOUT_MINUTES: 30,
      RATE_LIMIT_WRITES: 120,
      RATE_LIMIT_PUBLIC: 60,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      REQUEST_TIMEOUT_MS: 30_000,
      DB_STATEMENT_TIMEOUT_MS: 15_000,
    });
    expect(() => loadConfig({ RATE_LIMIT_WRITES: '0' })).toThrow(/RATE_LIMIT_WRITES/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '10' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });

  it('reads a CORS allow-list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.vn, https://b.vn' }).CORS_ORIGINS).toEqual(['https://a.vn', 'https://b.vn']);
  });
});
