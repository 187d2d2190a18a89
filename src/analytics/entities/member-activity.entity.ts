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
