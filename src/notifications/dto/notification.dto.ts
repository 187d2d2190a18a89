import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorQuery } from '../../common/cursor.js';
import { Nullable, Optional } from '../../common/validation.js';
import { LINK_TYPES, NOTIFICATION_KINDS, type LinkType } from '../notification-kinds.js';

/** `?cursor=&limit=` of the member's inbox. */
export class MyNotificationsQuery extends CursorQuery {}

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({
    type: [String],
    enum: NOTIFICATION_KINDS,
    description:
      'The kinds that push to the member’s devices (all of them by default); the others only show in the inbox. ' +
      'A set: repeats count once and the answer lists them in the kinds’ order. Left out: unchanged. An unknown kind: 400 NOTIFICATION_UNKNOWN_KIND.',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length * 2)
  @IsString({ each: true })
  pushKinds?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '22:00',
    description:
      'Start of the quiet hours, HH:MM in Vietnam time (Asia/Ho_Chi_Minh): no push from then until quietHoursEnd (the inbox still ' +
      'shows everything). Give both or null both (no quiet hours); left out: unchanged. 400 NOTIFICATION_INVALID_QUIET_HOURS otherwise.',
  })
  @Nullable()
  @IsString()
  @MaxLength(10)
  quietHoursStart?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '06:00',
    description: 'End of the quiet hours (exclusive), HH:MM; may be before the start (over midnight)',
  })
  @Nullable()
  @IsString()
  @MaxLength(10)
  quietHoursEnd?: string | null;
}

export class NotificationLinkDto {
  @ApiProperty({ enum: LINK_TYPES, description: 'What the notification opens in the app; `url` is an https address' })
  @IsIn(LINK_TYPES)
  type: LinkType;

  @ApiProperty({ description: 'The id of the document, news item, survey or meeting (a uuid), or the https URL', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  id: string;
}

/** The text of a bulletin may hold at most this many characters (more: 413 BULLETIN_TOO_LARGE). */
export const BULLETIN_MAX_TEXT = 4000;

export class CreateBulletinDto {
  @ApiProperty({
    type: 'integer',
    description: "The committee whose subtree receives the bulletin, in the caller's scope (otherwise 404)",
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ example: 'Lịch sinh hoạt chi bộ tháng 12/2026', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiProperty({
    example: 'Đề nghị các đồng chí đảng viên dự sinh hoạt chi bộ lúc 19h30 ngày 05/12 tại nhà văn hóa xóm.',
    description: `Plain text, at most ${BULLETIN_MAX_TEXT} characters (more: 413 BULLETIN_TOO_LARGE)`,
  })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({
    type: NotificationLinkDto,
    nullable: true,
    description: 'What the bulletin opens: a document, news item, survey, meeting or an https URL',
  })
  @Nullable()
  @ValidateNested()
  @Type(() => NotificationLinkDto)
  link?: NotificationLinkDto | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When members receive it: now when left out, or a future time (scheduled; members see nothing before). In the past: 400 BULLETIN_PUBLISH_AT_PAST',
  })
  @Optional()
  @IsISO8601({ strict: true })
  publishAt?: string;
}

/** The body of mark-read and mark-all-read: nothing (the action is the route). */
export class MarkReadDto {}
