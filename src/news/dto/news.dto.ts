import { BulkIdsDto } from '../../common/bulk.js';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { CursorQuery } from '../../common/cursor.js';
import { isSafeLink } from '../html-sanitizer.js';
import { NEWS_CATEGORIES, NEWS_CATEGORY_LABELS, NEWS_STATUSES, type NewsCategory, type NewsStatus } from '../news-item.entity.js';
import { Nullable } from '../../common/validation.js';

/** nullable optional: `undefined` leaves the field alone, `null` clears it. */

/** An http(s) URL (or, with `sitePath`, a path under /api/); an empty string counts as "none". */
const IsSafeLink = (field: string, sitePath: boolean) =>
  ValidateBy({
    name: 'isSafeLink',
    validator: {
      validate: (v) => typeof v === 'string' && (v === '' || isSafeLink(v, sitePath)),
      defaultMessage: () => `${field} must be an http(s) URL${sitePath ? ' or a path under /api/' : ''}`,
    },
  });

export const MAX_BODY_LENGTH = 200_000;

export const CATEGORY_DOC = `One of: ${NEWS_CATEGORIES.map((c) => `\`${c}\` (${NEWS_CATEGORY_LABELS[c]})`).join(', ')}`;

export class CreateNewsDto {
  @ApiProperty({ type: 'integer', description: "The publishing committee, in the caller's scope: members of its subtree see the item" })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ example: 'Tỉnh ủy Thái Nguyên tổng kết công tác xây dựng Đảng năm 2024', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(500)
  title: string;

  @ApiProperty({ example: 'Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm 2024 và triển khai phương hướng năm 2025.', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'summary must not be blank' })
  @MaxLength(2000)
  summary: string;

  @ApiProperty({
    example: '<p>Sáng 12/3, Tỉnh ủy tổ chức hội nghị...</p>',
    maxLength: MAX_BODY_LENGTH,
    description:
      'Rich text (HTML). Stored sanitised: p, br, hr, strong/b, em/i, u, s, sub, sup, h2-h4, ul/ol/li, blockquote, ' +
      'a (http, https, mailto; opened in a new tab), img (http(s) or /api/ paths), figure, figcaption and simple tables are kept; ' +
      'scripts, styles, frames, event handlers, style/class attributes and script URLs are removed.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY_LENGTH)
  body: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 1000,
    example: 'https://baothainguyen.vn/anh/hoi-nghi.jpg',
    description: 'An http(s) URL or a path under /api/',
  })
  @Nullable()
  @IsString()
  @MaxLength(1000)
  @IsSafeLink('coverImageUrl', true)
  coverImageUrl?: string | null;

  @ApiProperty({ enum: NEWS_CATEGORIES, enumName: 'NewsCategory', description: CATEGORY_DOC })
  @IsIn(NEWS_CATEGORIES, { message: `category must be one of: ${NEWS_CATEGORIES.join(', ')}` })
  category: NewsCategory;

  @ApiPropertyOptional({ default: false, description: 'Compiled from another outlet: sourceName and sourceUrl are then required' })
  @IsOptional()
  @IsBoolean()
  sourced?: boolean;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 255,
    example: 'Báo Thái Nguyên',
    description: 'The outlet (required when sourced)',
  })
  @Nullable()
  @IsString()
  @MaxLength(255)
  sourceName?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 1000,
    example: 'https://baothainguyen.vn/tin-tuc/123.html',
    description: 'The original article, http(s) (required when sourced)',
  })
  @Nullable()
  @IsString()
  @MaxLength(1000)
  @IsSafeLink('sourceUrl', false)
  sourceUrl?: string | null;

  @ApiPropertyOptional({
    enum: NEWS_STATUSES,
    enumName: 'NewsStatus',
    default: 'draft',
    description:
      '`published` makes the item visible to members; the first publication sets publishedAt. `draft` hides it again (publishedAt is kept).',
  })
  @IsOptional()
  @IsIn(NEWS_STATUSES, { message: 'status must be draft or published' })
  status?: NewsStatus;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description:
      'Only with status published: the publication time to show (e.g. of an archived item), not in the future. Defaults to now on the first publication.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt?: string;
}

/** PUT accepts any subset of the create fields. */
export class UpdateNewsDto extends PartialType(CreateNewsDto) {}

/** The members' feed: `?cursor=&limit=&category=`. */
export class MeNewsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: NEWS_CATEGORIES, enumName: 'NewsCategory', description: CATEGORY_DOC })
  @IsOptional()
  @IsIn(NEWS_CATEGORIES, { message: `category must be one of: ${NEWS_CATEGORIES.join(', ')}` })
  category?: NewsCategory;
}

/** Publish or unpublish several news items. */
export class BulkNewsStatusDto extends BulkIdsDto {
  @ApiProperty({ enum: NEWS_STATUSES, description: '`published` publishes each, `draft` withdraws each' })
  @IsIn(NEWS_STATUSES, { message: 'status must be draft or published' })
  status: NewsStatus;
}
