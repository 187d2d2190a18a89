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
import { User } from '../auth/user.entity.js';
import { Committee } from '../committees/committee.entity.js';

/** Categories of the handbook's news, with the labels the apps show. */
export const NEWS_CATEGORIES = ['party_building', 'policy', 'local', 'example', 'international', 'other'] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];
export const NEWS_CATEGORY_LABELS: Record<NewsCategory, string> = {
  party_building: 'Xây dựng Đảng',
  policy: 'Chủ trương chính sách',
  local: 'Tin địa phương',
  example: 'Gương điển hình',
  international: 'Quốc tế',
  other: 'Khác',
};

export const NEWS_STATUSES = ['draft', 'published'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

/**
 * A news item, published by a committee to its own subtree (members see their committee chain's
 * items). `body` is sanitised HTML: it is cleaned when written, never on the way out.
 * A `sourced` item was compiled from another outlet and must name it (`sourceName`, `sourceUrl`).
 * `publishedAt` is set on the first publication and kept afterwards (unpublishing and publishing
 * again does not move the item to the top of the feed); it has millisecond precision, the
 * precision of the feed's cursor.
 */
@Entity('news_items')
@Check('news_items_category_check', `category IN ('party_building','policy','local','example','international','other')`)
@Check('news_items_status_check', `status IN ('draft','published')`)
@Check('news_items_published_at_check', `status = 'draft' OR published_at IS NOT NULL`)
@Check('news_items_source_check', `NOT sourced OR (source_name IS NOT NULL AND source_url IS NOT NULL)`)
@Index('news_items_title_search_idx', { synchronize: false })
@Index('news_items_feed_idx', ['publishedAt', 'id'], { where: `status = 'published'` })
export class NewsItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'news_items_pkey' })
  id: string;

  /** The publishing committee. */
  @Index('news_items_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'news_items_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'cover_image_url', type: 'varchar', length: 1000, nullable: true })
  coverImageUrl: string | null;

  @Column({ type: 'varchar', length: 32 })
  category: NewsCategory;

  @Column({ type: 'boolean', default: false })
  sourced: boolean;

  @Column({ name: 'source_name', type: 'varchar', length: 255, nullable: true })
  sourceName: string | null;

  @Column({ name: 'source_url', type: 'varchar', length: 1000, nullable: true })
  sourceUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: NewsStatus;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'news_items_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
