import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { ApiError } from './errors.js';
import { LongWorkLimiter } from './long-work.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const err = e as ApiError;
    return { status: err.getStatus(), code: err.code, retryAfter: err.headers?.['retry-after'] };
  }
  return null;
};

describe('LongWorkLimiter (bulkheads)', () => {
  it('lets one account run LONG_WORK_PER_ACCOUNT jobs at once, then answers 429 TOO_MANY_CONCURRENT_JOBS', () => {
    const limiter = new LongWorkLimiter(loadConfig({ DB_POOL_SIZE: '10', LONG_WORK_PER_ACCOUNT: '2' }));
    const a = limiter.acquire('u:1');
    limiter.acquire('u:1');
    expect(refusal(() => limiter.acquire('u:1'))).toEqual({
      status: 429,
      code: 'TOO_MANY_CONCURRENT_JOBS',
      retryAfter: expect.any(String),
    });
    // another account is not held back by the first one's jobs
    expect(refusal(() => limiter.acquire('u:2'))).toBeNull();
    a();
    a(); // giving a slot back twice frees one slot only
    expect(refusal(() => limiter.acquire('u:1'))).toBeNull();
    expect(refusal(() => limiter.acquire('u:1'))).toEqual(expect.objectContaining({ status: 429 }));
  });

  it('keeps all jobs together to their share of the pool (default half of DB_POOL_SIZE): then 503 LONG_WORK_BUSY', () => {
    const limiter = new LongWorkLimiter(loadConfig({ DB_POOL_SIZE: '10' }));
    const held = [1, 2, 3, 4, 5].map((i) => limiter.acquire(`u:${i}`));
    expect(refusal(() => limiter.acquire('u:6'))).toEqual({ status: 503, code: 'LONG_WORK_BUSY', retryAfter: expect.any(String) });
    held[0]();
    expect(refusal(() => limiter.acquire('u:6'))).toBeNull();
  });

  it('refuses a share that would leave members no connection', () => {
    expect(() => loadConfig({ DB_POOL_SIZE: '10', LONG_WORK_MAX_CONNECTIONS: '10' })).toThrow(/LONG_WORK_MAX_CONNECTIONS/);
    expect(() => loadConfig({ LONG_WORK_PER_ACCOUNT: '0' })).toThrow(/LONG_WORK_PER_ACCOUNT/);
    expect(loadConfig({ DB_POOL_SIZE: '10', LONG_WORK_MAX_CONNECTIONS: '3' }).longWorkMaxConnections).toBe(3);
    expect(loadConfig({ DB_POOL_SIZE: '1' }).longWorkMaxConnections).toBe(1);
  });
});
