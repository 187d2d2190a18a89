import { applyDecorators, HttpCode, HttpStatus, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { ApiErrors } from './api-docs.js';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { ApiError, BulkFailure, CommonErrorCode } from './errors.js';

/** The most records one bulk action takes (a page of the dashboard's list holds at most 500 too). */
export const BULK_MAX_IDS = 500;

/** The records a bulk action acts on, by id. */
export class BulkIdsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: BULK_MAX_IDS,
    uniqueItems: true,
    description: `1 to ${BULK_MAX_IDS} distinct ids`,
  })
  @IsArray({ message: 'ids must be an array' })
  @ArrayMinSize(1, { message: 'ids must name at least one record' })
  @ArrayMaxSize(BULK_MAX_IDS, { message: `ids may name at most ${BULK_MAX_IDS} records` })
  @ArrayUnique({ message: 'ids must not repeat' })
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids: string[];
}

/** What a bulk action did: every record, in the order given, with whether it changed. */
export class BulkItemResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'false when the record already was as asked (nothing written, nothing audited)' }) changed: boolean;
}

export class BulkResult {
  @ApiProperty({ type: 'integer', description: 'Records changed' }) changed: number;
  @ApiProperty({ type: 'integer', description: 'Records already as asked' }) unchanged: number;
  @ApiProperty({ type: [BulkItemResult] }) items: BulkItemResult[];
}

/**
 * Runs a bulk action all or nothing, inside the caller's one transaction: `act` is the single
 * action's own body (its scope check, rules and audit entry) for one id, answering whether it
 * changed the record. An ApiError of one record (404 for an unknown or out-of-scope id, 409 for a
 * record in the wrong state) is collected and the next record tried, so the refusal names every
 * failing record; then 422 BULK_ACTION_REFUSED is thrown with `failures`, which rolls the
 * transaction back. Anything else (a database error) ends the action at once.
 */
export async function allOrNothing(ids: readonly string[], act: (id: string) => Promise<boolean>): Promise<BulkResult> {
  const items: BulkItemResult[] = [];
  const failures: BulkFailure[] = [];
  for (const id of ids) {
    try {
      items.push({ id, changed: await act(id) });
    } catch (e) {
      if (!(e instanceof ApiError) || e.getStatus() >= 500) throw e;
      failures.push({ id, code: e.code, message: e.message });
    }
  }
  if (failures.length) throw bulkRefused(failures);
  const changed = items.filter((i) => i.changed).length;
  return { changed, unchanged: items.length - changed, items };
}

export const bulkRefused = (failures: BulkFailure[]) =>
  new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    CommonErrorCode.BulkActionRefused,
    `${failures.length} of the records cannot be acted on; nothing was changed`,
    undefined,
    undefined,
    undefined,
    failures,
  );

/**
 * The documentation of a bulk route: 200 with what was done, 400 for a bad list of ids (none, more
 * than BULK_MAX_IDS, repeated, not UUIDs), 422 BULK_ACTION_REFUSED naming every record refused.
 */
export function ApiBulkAction(operationId: string, summary: string, body: Type<unknown>, response: Type<unknown> = BulkResult) {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({
      operationId,
      summary,
      description:
        `All or nothing, in one transaction: each record goes through the single action's scope check, rules and audit entry. ` +
        `Up to ${BULK_MAX_IDS} ids (more: 400 VALIDATION_FAILED). If any record cannot be acted on (unknown or outside the ` +
        "caller's scope: NOT_FOUND; in the wrong state: the single action's 409 code) the answer is 422 BULK_ACTION_REFUSED " +
        'with `failures` naming each, and nothing is changed.',
    }),
    ApiBody({ type: body }),
    ApiOkResponse({ type: response }),
    ApiErrors(400, { 422: [CommonErrorCode.BulkActionRefused] }),
  );
}
