import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Fixed-window request counters shared by every process of the API: login attempts per username
 * and per client, writes per account, public-route requests per client (rate-limit.service.ts).
 * Client addresses appear only as a keyed hash.
 */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 160, primaryKeyConstraintName: 'rate_limit_counters_pkey' })
  key: string;

  /** The current window ends here; the next hit after it starts a new window at 1. */
  @Index('rate_limit_counters_window_ends_at_idx')
  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt: Date;

  @Column({ type: 'integer' })
  hits: number;
}
