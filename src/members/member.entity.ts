import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Committee } from '../committees/committee.entity.js';

export const MEMBER_STATUSES = ['official', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
/** Why a member left the current register; the row stays (registers keep history). */
export const END_STATES = ['transferred_out', 'resigned', 'removed', 'expelled', 'deceased'] as const;
export type EndState = (typeof END_STATES)[number];
export const NOT_INSTALLED_REASONS = ['elderly', 'no_smartphone', 'special_unit_pending', 'exempted', 'other'] as const;
export type NotInstalledReason = (typeof NOT_INSTALLED_REASONS)[number];
/**
 * Why a current member does not take part in the branch's activities for a while, which the decision
 * rule needs (Quy định 24-QĐ/TW point 9.3.2, docs/meetings.md "The counting rule"): attending
 * temporarily at another Party organisation (sinh hoạt đảng tạm thời nơi khác), or suspended from
 * Party activities (đình chỉ sinh hoạt đảng).
 */
export const ACTIVITY_HOLDS = ['temporary_transfer', 'suspended'] as const;
export type ActivityHold = (typeof ACTIVITY_HOLDS)[number];

/** A Party member's record, kept by the branch (chi bộ) it belongs to. */
@Entity('members')
@Check('members_status_check', `status IN ('official','probationary')`)
@Check('members_gender_check', `gender IN ('male','female')`)
@Check('members_end_state_check', `end_state IS NULL OR end_state IN ('transferred_out','resigned','removed','expelled','deceased')`)
@Check(
  'members_not_installed_reason_check',
  `not_installed_reason IS NULL OR not_installed_reason IN ('elderly','no_smartphone','special_unit_pending','exempted','other')`,
)
@Check('members_activity_hold_check', `activity_hold IS NULL OR activity_hold IN ('temporary_transfer','suspended')`)
@Check('members_activity_hold_since_check', `(activity_hold IS NULL) = (activity_hold_since IS NULL)`)
@Index('members_full_name_search_idx', { synchronize: false })
export class Member {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'members_pkey' })
  id: string;

  @Column({ name: 'full_name', type: 'varchar', length: 255 })
  fullName: string;

  /**
   * full_name's place in a Vietnamese list (vietnamese-name-order.ts): kept by the trigger
   * members_name_sort_key (migrations/1796528830433-vietnamese-name-order.ts), never written here.
   */
  @Index('members_name_sort_key_idx')
  @Column({ name: 'name_sort_key', type: 'text', collation: 'C', default: '', insert: false, update: false, select: false })
  nameSortKey: string;

  @Column({ type: 'varchar', length: 8 })
  gender: Gender;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Index('members_party_card_number_key', { unique: true, where: 'party_card_number IS NOT NULL' })
  @Column({ name: 'party_card_number', type: 'varchar', length: 32, nullable: true })
  partyCardNumber: string | null;

  /** A stable id from another register (used by imports when there is no party card number yet). */
  @Index('members_external_id_key', { unique: true, where: 'external_id IS NOT NULL' })
  @Column({ name: 'external_id', type: 'varchar', length: 64, nullable: true })
  externalId: string | null;

  /**
   * An identity number entered for this member that another member outside the writer's scope
   * already holds: kept here (not unique) until the lowest committee covering both resolves the
   * member_identity_conflicts row. Reads show it as the member's number (identity-conflicts.service.ts).
   */
  @Index('members_pending_party_card_number_idx', { where: 'pending_party_card_number IS NOT NULL' })
  @Column({ name: 'pending_party_card_number', type: 'varchar', length: 32, nullable: true })
  pendingPartyCardNumber: string | null;

  @Index('members_pending_external_id_idx', { where: 'pending_external_id IS NOT NULL' })
  @Column({ name: 'pending_external_id', type: 'varchar', length: 64, nullable: true })
  pendingExternalId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MemberStatus;

  @Column({ name: 'admitted_at', type: 'date' })
  admittedAt: string;

  @Column({ name: 'official_at', type: 'date', nullable: true })
  officialAt: string | null;

  @Column({ type: 'boolean', default: false })
  exempted: boolean;

  @Column({ name: 'exempted_at', type: 'date', nullable: true })
  exemptedAt: string | null;

  @Column({ name: 'exempted_reason', type: 'text', nullable: true })
  exemptedReason: string | null;

  /** Temporarily attending elsewhere or suspended (ACTIVITY_HOLDS); null when the member takes part as usual. */
  @Index('members_activity_hold_idx', { where: 'activity_hold IS NOT NULL' })
  @Column({ name: 'activity_hold', type: 'varchar', length: 24, nullable: true })
  activityHold: ActivityHold | null;

  /** Since when the hold applies; set exactly when there is a hold. */
  @Column({ name: 'activity_hold_since', type: 'date', nullable: true })
  activityHoldSince: string | null;

  /** The organisation attended meanwhile, or the number of the suspension decision. */
  @Column({ name: 'activity_hold_note', type: 'text', nullable: true })
  activityHoldNote: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email: string | null;

  @Index('members_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'members_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ name: 'end_state', type: 'varchar', length: 24, nullable: true })
  endState: EndState | null;

  @Column({ name: 'ended_at', type: 'date', nullable: true })
  endedAt: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;

  @Column({ name: 'not_installed_reason', type: 'varchar', length: 32, nullable: true })
  notInstalledReason: NotInstalledReason | null;

  @Column({ name: 'installed_at', type: 'timestamptz', nullable: true })
  installedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
