import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { BulkIdsDto } from '../../common/bulk.js';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CORRECTABLE_FIELDS } from '../correction-request.entity.js';
import { UpdateMemberDto } from '../../members/dto/member.dto.js';

/**
 * The fields a member may ask to correct, with exactly the validation of the members API
 * (PickType carries UpdateMemberDto's class-validator rules). A null clears a field that may be empty;
 * the service refuses null for the fields a record cannot be without.
 */
export class CorrectionChangesDto extends PickType(UpdateMemberDto, CORRECTABLE_FIELDS) {}

export class CreateCorrectionDto {
  @ApiProperty({ type: CorrectionChangesDto, description: 'The corrected values (at least one field)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesDto)
  changes: CorrectionChangesDto;

  @ApiProperty({ maxLength: 1000, example: 'Ngày sinh ghi sai so với giấy khai sinh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class ApproveCorrectionDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RejectCorrectionDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the request is refused; the member reads it', example: 'Không khớp với hồ sơ gốc' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;
}

/** Approve several pending requests, with one optional note for all. */
export class BulkApproveCorrectionsDto extends IntersectionType(BulkIdsDto, ApproveCorrectionDto) {}

/** Reject several pending requests, with one note for all (each member reads it). */
export class BulkRejectCorrectionsDto extends IntersectionType(BulkIdsDto, RejectCorrectionDto) {}
