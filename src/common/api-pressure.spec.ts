import { describe, expect, it } from '@jest/globals';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { ApiPressure } from './api-pressure.js';

function busyLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the event loop is busy running code
  }
}

/**
 * An event loop whose active and idle time the test sets, so that the outcome does not depend on what
 * else the jest worker and the machine are doing (CI once measured an idle 250-ms wait as > 50 % busy).
 */
function scriptedLoop() {
  const now: EventLoopUtilization = { idle: 0, active: 0, utilization: 0 };
  const measure = ((a?: EventLoopUtilization, b?: EventLoopUtilization): EventLoopUtilization => {
    if (!a) return { ...now };
    const active = a.active - (b?.active ?? 0);
    const idle = a.idle - (b?.idle ?? 0);
    return { active, idle, utilization: active / (active + idle || 1) };
  }) as typeof import('node:perf_hooks').performance.eventLoopUtilization;
  return {
    measure,
    run(activeMs: number, idleMs: number) {
      now.active += activeMs;
      now.idle += idleMs;
    },
  };
}

describe('ApiPressure', () => {
  it('is never under pressure without a recent API request, however busy the loop', () => {
    const p = new ApiPressure();
    busyLoop(250);
    expect(p.underPressure(0.5)).toBe(false);
    p.noteApiRequest(Date.now() - 5_000);
    expect(p.underPressure(0.5)).toBe(false);
  });

  it('is under pressure when a request just arrived and the real loop was busy', () => {
    const p = new ApiPressure();
    busyLoop(250);
    p.noteApiRequest();
    expect(p.underPressure(0.5)).toBe(true);
  });

  it('is not under pressure when a request arrived but the loop was mostly idle', () => {
    const loop = scriptedLoop();
    const p = new ApiPressure(loop.measure);
    const t0 = Date.now();
    loop.run(40, 210);
    p.noteApiRequest(t0 + 250);
    expect(p.underPressure(0.5, t0 + 250)).toBe(false);
  });

  it('follows the loop: busy after an idle stretch, measured again after 200 ms', () => {
    const loop = scriptedLoop();
    const p = new ApiPressure(loop.measure);
    const t0 = Date.now();
    loop.run(10, 240);
    p.noteApiRequest(t0 + 250);
    expect(p.underPressure(0.5, t0 + 250)).toBe(false);
    loop.run(230, 20);
    // within 200 ms of the last sample the last measure stands
    expect(p.underPressure(0.5, t0 + 300)).toBe(false);
    p.noteApiRequest(t0 + 500);
    expect(p.underPressure(0.5, t0 + 500)).toBe(true);
  });
});
