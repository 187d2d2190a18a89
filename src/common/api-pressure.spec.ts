import { describe, expect, it } from '@jest/globals';
import { ApiPressure } from './api-pressure.js';

function busyLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the event loop is busy running code
  }
}

describe('ApiPressure', () => {
  it('is never under pressure without a recent API request, however busy the loop', () => {
    const p = new ApiPressure();
    busyLoop(250);
    expect(p.underPressure(0.5)).toBe(false);
    p.noteApiRequest(Date.now() - 5_000);
    expect(p.underPressure(0.5)).toBe(false);
  });

  it('is under pressure when a request just arrived and the loop was busy', () => {
    const p = new ApiPressure();
    busyLoop(250);
    p.noteApiRequest();
    expect(p.underPressure(0.5)).toBe(true);
  });

  it('is not under pressure when a request arrived but the loop was idle', async () => {
    const p = new ApiPressure();
    await new Promise((resolve) => setTimeout(resolve, 250));
    p.noteApiRequest();
    expect(p.underPressure(0.5)).toBe(false);
  });
});
