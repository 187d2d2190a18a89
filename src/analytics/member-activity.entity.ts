import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which committees a member was already counted as an active member of, per day: what makes the
 * rollups' unique-member counts exact when the member's place in the tree changes during the day
 * (`committee_ids` is the union of the ancestors seen; `credited` the ones the last change added).
 * Dedupe state only: purged with the raw events, no foreign key (neither has the raw event).
 */
@Entity('member_daily_activity')
export class MemberDailyActivity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'member_daily_activity_pkey' })
  day: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'member_daily_activity_pkey' })
  memberId: string;

  @Column({ name: 'committee_ids', type: 'integer', array: true })
  committeeIds: number[];

  @Column({ type: 'integer', array: true, nullable: true })
  credited: number[] | null;

  /** The member's events stored that day (beyond EVENTS_MAX_COUNTED_PER_MEMBER_DAY they are not counted). */
  @Column({ type: 'integer', default: 0 })
  events: number;

  /**
   * The day's visits (sessions), in start order: first and last instant, the id of the first event
   * and the committee path it was recorded with (migrations/1795681305117-analytics-sessions.ts).
   */
  @Column({ name: 'session_starts', type: 'timestamptz', array: true, default: () => "'{}'" })
  sessionStarts: Date[];

  @Column({ name: 'session_ends', type: 'timestamptz', array: true, default: () => "'{}'" })
  sessionEnds: Date[];

  @Column({ name: 'session_ids', type: 'uuid', array: true, default: () => "'{}'" })
  sessionIds: string[];

  @Column({ name: 'session_paths', type: 'text', array: true, default: () => "'{}'" })
  sessionPaths: string[];

  /** What the last batch changed: session starts gained (+1) or lost (-1), by committee path. */
  @Column({ name: 'visit_paths', type: 'text', array: true, nullable: true })
  visitPaths: string[] | null;

  @Column({ name: 'visit_changes', type: 'integer', array: true, nullable: true })
  visitChanges: number[] | null;
}

/** The same per calendar month (for the MAU). */
@Entity('member_monthly_activity')
export class MemberMonthlyActivity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'member_monthly_activity_pkey' })
  month: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'member_monthly_activity_pkey' })
  memberId: string;

  @Column({ name: 'committee_ids', type: 'integer', array: true })
  committeeIds: number[];

  @Column({ type: 'integer', array: true, nullable: true })
  credited: number[] | null;
}
