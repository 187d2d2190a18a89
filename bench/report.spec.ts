import { describe, expect, it } from '@jest/globals';
import { renderMarkdown, type RunResult } from './report.js';

/** A quick run with only what the quick-runs section reads. */
const quick = (startedAt: string, load: number, met: boolean[]): RunResult =>
  ({
    members: 56000,
    scale: 1,
    quick: true,
    startedAt,
    seconds: 3,
    connections: 20,
    loadAverage: { before: load, after: load + 1 },
    paths: [],
    targets: [
      { target: 'news feed: app ≥ 80% of the baseline', measured: met[0] ? '85%' : '75%', met: met[0] },
      { target: 'API memory under load < 300 MB RSS', measured: met[1] ? '250 MB' : '310 MB', met: met[1] },
    ],
  }) as unknown as RunResult;

describe('docs/benchmarks.md', () => {
  it('shows the last quick runs side by side, target by target, and says whether the verdict held', () => {
    const same = renderMarkdown({
      runs: [],
      quickRuns: [quick('2026-12-06T11:00:00Z', 4.5, [true, false]), quick('2026-12-06T11:12:00Z', 6, [true, false])],
    });
    expect(same).toContain('### Quick runs, the last 2');
    expect(same).toContain('Every target got the same verdict in each run.');
    expect(same).toContain('| target | 2026-12-06 11:00 UTC, load 4.5 → 5.5 | 2026-12-06 11:12 UTC, load 6 → 7 |');
    expect(same).toContain('| API memory under load < 300 MB RSS | 310 MB **missed** | 310 MB **missed** |');
    expect(same).toContain('| **verdict** | exit 1: 1 of 2 missed | exit 1: 1 of 2 missed |');

    const changed = renderMarkdown({
      runs: [],
      quickRuns: [quick('2026-12-06T11:00:00Z', 4.5, [true, true]), quick('2026-12-06T11:12:00Z', 6, [false, true])],
    });
    expect(changed).toContain('The verdict changed between runs');
    expect(changed).toContain('| news feed: app ≥ 80% of the baseline | 85% | 75% **missed** |');
    expect(changed).toContain('| **verdict** | exit 0: all 2 met | exit 1: 1 of 2 missed |');

    expect(renderMarkdown({ runs: [] })).not.toContain('Quick runs');
  });
});
