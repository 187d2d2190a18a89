import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './errors.js';

/** The one UUID pattern (any version, either case): ids of members, documents, surveys, accounts… */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** An integer id path parameter within PostgreSQL's `integer` range; anything else is a 400. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
      throw ApiError.badRequest('id must be a positive integer', { id: 'id must be a positive integer' });
    }
    return Number(value);
  }
}
