import { BulkIdsDto } from '../../common/bulk.js';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CONTENT_STATUSES, DOCUMENT_TYPES, type ContentStatus, type DocumentType } from '../document.entity.js';
import { Nullable } from '../../common/validation.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** nullable optional: `undefined` leaves the field alone, `null` clears it. */

export const MAX_TAGS = 20;

export class CreateDocumentDto {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "The publishing committee, inside the caller's scope; members of its subtree read the document. Defaults to the caller's home committee.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId?: number;

  @ApiProperty({ maxLength: 500, example: 'Nghị quyết về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 100, description: 'Số hiệu', example: '27-NQ/TW' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  number?: string | null;

  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType' })
  @IsIn(DOCUMENT_TYPES)
  type: DocumentType;

  @ApiProperty({ maxLength: 255, description: 'Cơ quan ban hành', example: 'Ban Chấp hành Trung ương' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  issuingBody: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, description: 'Ngày ban hành' })
  @Nullable()
  @Matches(DATE, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn?: string | null;

  @ApiPropertyOptional({ maxLength: 20000, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  summary?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    description: 'Free tags (each 1-50 characters), e.g. "xây dựng Đảng"',
    example: ['xây dựng Đảng'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    enum: CONTENT_STATUSES,
    enumName: 'ContentStatus',
    default: 'draft',
    description: 'Members never see drafts. The first publication sets publishedAt, which later changes keep.',
  })
  @IsOptional()
  @IsIn(CONTENT_STATUSES)
  status?: ContentStatus;
}

/** PUT: any subset of the fields; `number` and `issuedOn` may be cleared with null. */
export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value);

/** Cursor paging of a mobile feed. */
export class FeedQuery {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page; omit for the first page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(50)
  limit?: number;
}

export class MyDocumentsQuery extends FeedQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, enumName: 'DocumentType' })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  type?: DocumentType;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Search title, number and summary; diacritics and case do not matter ("nghi quyet" finds "Nghị quyết")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** Publish or unpublish several documents. */
export class BulkDocumentStatusDto extends BulkIdsDto {
  @ApiProperty({ enum: CONTENT_STATUSES, description: '`published` publishes each, `draft` withdraws each' })
  @IsIn(CONTENT_STATUSES, { message: 'status must be draft or published' })
  status: ContentStatus;
}
