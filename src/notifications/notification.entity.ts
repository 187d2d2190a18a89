import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { User } from '../auth/user.entity.js';
import type { Committee } from '../committees/committee.entity.js';
import type { Member } from '../members/member.entity.js';
import { KIND_CHECK, LINK_TYPE_CHECK, type LinkType, type NotificationKind } from './notification-kinds.js';

/**
 * One notification, ONE row whatever its audience (issue 17, item 3): a province-wide notice to
 * hundreds of thousands of members is one INSERT, so publishing costs the same for a branch and for
 * the nation. Nothing is written per recipient when publishing.
 *
 * The audience is either a committee subtree (`audienceCommitteeId`: the committee and everything
 * below it) or one member (`memberId`, the personal kinds). A member's inbox is what targets their
 * committee chain plus what names them:
 *
 *   audience_committee_id = ANY(<ids on the member's committee path>)  -- 3-6 ids, read from the
 *   OR member_id = <member>                                             -- principal's ltree path
 *
 * Why the ancestor ids and not an ltree `audience_path @> member_path` with a GiST index: the ids on
 * the member's path are known without a query (the path IS the list of ids, `1.5.23.400`), and
 * matching them is a handful of btree range scans on `notifications_audience_idx`
 * (audience_committee_id, publish_at, id), each already in inbox order. A GiST `@>` would scan the
 * ancestor entries of the index too but could not return rows in publish order, is larger and slower
 * to write, and buys nothing here. The rows read are bounded by what a member's own chain received
 * within the TTL (NOTIFICATION_TTL_DAYS), not by the size of the register.
 *
 * `publishAt` may lie in the future (a scheduled bulletin): the row is invisible until then.
 * `expiresAt` (default publishAt + NOTIFICATION_TTL_DAYS) hides it afterwards; the purge deletes it
 * (read markers go with it, ON DELETE CASCADE). `dedupeKey`, when given, makes a publication
 * idempotent ("document:<id>": a document withdrawn and published again notifies once).
 */
@Entity('notifications')
@Check('notifications_kind_check', KIND_CHECK)
@Check('notifications_link_type_check', LINK_TYPE_CHECK)
@Check('notifications_link_check', `(link_type IS NULL) = (link_id IS NULL)`)
@Check('notifications_audience_check', `(audience_committee_id IS NULL) <> (member_id IS NULL)`)
@Check('notifications_expiry_check', `expires_at > publish_at`)
@Index('notifications_audience_idx', ['audienceCommitteeId', 'publishAt', 'id'], { where: 'audience_committee_id IS NOT NULL' })
@Index('notifications_member_idx', ['memberId', 'publishAt', 'id'], { where: 'member_id IS NOT NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  /** Vietnamese, shown as the notification's title (and the push's). */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** A short text: a summary, a reason, a bulletin's text. */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'link_type', type: 'varchar', length: 32, nullable: true })
  linkType: LinkType | null;

  @Column({ name: 'link_id', type: 'varchar', length: 2000, nullable: true })
  linkId: string | null;

  /** The committee whose subtree is the audience; null for a personal notification. */
  @Column({ name: 'audience_committee_id', type: 'integer', nullable: true })
  audienceCommitteeId: number | null;

  @ManyToOne('Committee', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'audience_committee_id', foreignKeyConstraintName: 'notifications_audience_committee_id_fkey' })
  audienceCommittee?: Relation<Committee> | null;

  /** The one member a personal notification is for; null for a subtree's. */
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne('Member', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notifications_member_id_fkey' })
  member?: Relation<Member> | null;

  /** Visible from then on (millisecond precision: the inbox cursor's). */
  @Column({ name: 'publish_at', type: 'timestamptz', precision: 3 })
  publishAt: Date;

  @Index('notifications_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Index('notifications_dedupe_key_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'notifications_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
