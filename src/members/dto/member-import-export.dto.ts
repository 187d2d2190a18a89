import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { AdminListQuery } from '../../common/admin-list.js';
import { CsvDelimiterQuery } from '../../common/csv.js';
import { RowProblem } from '../../common/errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../common/list-export.js';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class MemberImportQuery {
  @ApiPropertyOptional({ description: 'Check the file and count what would change, without writing anything', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

/** What an import did (or, for a dry run, would do). */
export class MemberImportResult {
  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({ type: 'integer', description: 'Data rows in the file (blank rows are skipped)' })
  total: number;

  @ApiProperty({ type: 'integer', description: 'New members' })
  created: number;

  @ApiProperty({ type: 'integer', description: 'Existing members whose record changed (transfers included)' })
  updated: number;

  @ApiProperty({ type: 'integer', description: 'Existing members already as in the file' })
  unchanged: number;

  @ApiProperty({ type: 'integer', description: 'Of the updated members, those moved to another branch (each with a transfer history row)' })
  transferred: number;

  @ApiProperty({ type: [RowProblem], description: 'Always empty here: a file with any problem is answered 422 IMPORT_INVALID with `rows`' })
  errors: RowProblem[];
}

export { EXPORT_FORMATS, type ExportFormat } from '../../common/list-export.js';

export class MemberExportQuery extends IntersectionType(PickType(AdminListQuery, ['sort', 'filter'] as const), CsvDelimiterQuery) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'CSV (UTF-8 with a BOM) or an Excel workbook' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be csv or xlsx' })
  format?: ExportFormat;
}
