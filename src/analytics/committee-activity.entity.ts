import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Committee } from '../committees/committee.entity.js';

/**
 * The daily usage of a committee's subtree, as the tree stood when each event arrived: visits
 * (sessions: see analytics_merge_sessions in migrations/1795681305117-analytics-sessions.ts), views by content type and the members active that day. Maintained in the statement that
 * stores the events; kept after the raw events are purged.
 */
@Entity('committee_daily_activity')
export class CommitteeDailyActivity {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_daily_activity_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_daily_activity_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'committee_daily_activity_pkey' })
  day: string;

  @Column({ type: 'integer', default: 0 })
  visits: number;

  @Column({ name: 'views_document', type: 'integer', default: 0 })
  viewsDocument: number;

  @Column({ name: 'views_news', type: 'integer', default: 0 })
  viewsNews: number;

  @Column({ name: 'views_other', type: 'integer', default: 0 })
  viewsOther: number;

  @Column({ name: 'unique_members', type: 'integer', default: 0 })
  uniqueMembers: number;

  /** Members who sent more than EVENTS_MAX_COUNTED_PER_MEMBER_DAY events that day (the rest not counted). */
  @Column({ name: 'over_rate_members', type: 'integer', default: 0 })
  overRateMembers: number;
}

/** The members active in a committee's subtree in a (Vietnam) calendar month: the MAU. */
@Entity('committee_monthly_activity')
export class CommitteeMonthlyActivity {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_monthly_activity_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_monthly_activity_committee_id_fkey' })
  committee?: Relation<Committee>;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'committee_monthly_activity_pkey' })
  month: string;

  @Column({ name: 'unique_members', type: 'integer', default: 0 })
  uniqueMembers: number;
}

/**
 * Views of each document and news item per day in the subtree of a committee (every level, down to
 * the branch), as the tree stood when each view arrived.
 */
@Entity('content_daily_views')
export class ContentDailyView {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'content_daily_views_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'content_daily_views_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'content_daily_views_pkey' })
  day: string;

  @PrimaryColumn({ name: 'target_type', type: 'varchar', length: 16, primaryKeyConstraintName: 'content_daily_views_pkey' })
  targetType: string;

  @PrimaryColumn({ name: 'target_id', type: 'uuid', primaryKeyConstraintName: 'content_daily_views_pkey' })
  targetId: string;

  @Column({ type: 'integer', default: 0 })
  views: number;
}
