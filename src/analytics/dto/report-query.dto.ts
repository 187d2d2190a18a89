import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { CsvDelimiterQuery } from '../../common/csv.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RANKED_TARGET_TYPES, type RankedTargetType } from '../analytics.rules.js';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const REPORT_FORMATS = ['json', 'csv'] as const;
/** What the visits report's CSV lists: the days of the window, or the direct sub-committees. */
export const VISITS_CSV_ROWS = ['days', 'children'] as const;
export type VisitsCsvRows = (typeof VISITS_CSV_ROWS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const MAX_TOP_CONTENT = 50;

export class CommitteeReportQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "The committee reported on; default the caller's home committee (for an admin of the whole tree: the root). Outside the caller's scope: 404",
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'committeeId must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  committeeId?: number;
}

export class InstallRatesQuery extends IntersectionType(CommitteeReportQuery, CsvDelimiterQuery) {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: '`csv`: the same figures as a UTF-8 CSV file (with a BOM)' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be json or csv' })
  format?: ReportFormat;
}

export class WindowQuery extends InstallRatesQuery {
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'First day of the window (Vietnam time), included' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Last day of the window (Vietnam time), included; default today' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class VisitsQuery extends WindowQuery {
  @ApiPropertyOptional({
    type: 'boolean',
    default: false,
    description: 'Also report the previous window of the same length, and the change',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'compare must be true or false' })
  compare?: boolean;

  @ApiPropertyOptional({
    enum: VISITS_CSV_ROWS,
    default: 'days',
    description:
      'With `format=csv`: one row per day of the window (`days`), or per direct sub-committee with its average per day (`children`)',
  })
  @IsOptional()
  @IsIn(VISITS_CSV_ROWS, { message: 'rows must be days or children' })
  rows?: VisitsCsvRows;
}

export class TopContentQuery extends WindowQuery {
  @ApiPropertyOptional({ type: 'integer', default: 10, minimum: 1, maximum: MAX_TOP_CONTENT })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_TOP_CONTENT)
  limit?: number;

  @ApiPropertyOptional({ enum: RANKED_TARGET_TYPES, description: 'Only documents, or only news; default both' })
  @IsOptional()
  @IsIn(RANKED_TARGET_TYPES, { message: 'targetType must be document or news' })
  targetType?: RankedTargetType;
}
