import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** The API counts as busy for this long after a request arrives. */
const BUSY_WINDOW_MS = 1_000;
/** The event loop's utilization is measured over intervals of at least this long. */
const SAMPLE_MS = 200;

/**
 * Whether the API is answering requests while the process is (nearly) out of CPU: background work in
 * the same process (the push fan-out) then slows down, so that a member's request waits less behind it
 * (docs/notifications.md, "Sharing the process with the API"). The HTTP server notes each request
 * (`noteApiRequest`, an onRequest hook of bootstrap.ts); the CPU side is the event loop's
 * utilization (ELU: the share of wall time the loop was running code, which rises as well when the
 * machine's other work takes the cores).
 */
export class ApiPressure {
  private lastRequestAt = 0;
  private previous: EventLoopUtilization;
  private sampledAt = Date.now();
  private utilization = 0;

  /**
   * `measure` is perf_hooks' eventLoopUtilization; a test passes its own, since the real loop's share
   * also depends on whatever else the process and the machine are doing.
   */
  constructor(private readonly measure: typeof performance.eventLoopUtilization = performance.eventLoopUtilization.bind(performance)) {
    this.previous = this.measure();
  }

  noteApiRequest(now = Date.now()): void {
    this.lastRequestAt = now;
  }

  /** True when a request arrived within the last second and the event loop was busier than `threshold` lately. */
  underPressure(threshold: number, now = Date.now()): boolean {
    if (now - this.lastRequestAt > BUSY_WINDOW_MS) return false;
    if (now - this.sampledAt >= SAMPLE_MS) {
      const current = this.measure();
      this.utilization = this.measure(current, this.previous).utilization;
      this.previous = current;
      this.sampledAt = now;
    }
    return this.utilization > threshold;
  }
}

/** One per process: the HTTP server and the workers of the same process share it. */
export const apiPressure = new ApiPressure();
