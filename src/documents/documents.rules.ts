import { ApiError } from '../common/errors.js';
import type { Document } from './document.entity.js';

/** A calendar date `YYYY-MM-DD` that exists (no 29 February 2025). */
export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Trimmed, inner spaces collapsed, duplicates (ignoring case) dropped, order kept. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    const key = tag.toLocaleLowerCase('vi');
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** Rules the DTO cannot check alone: values empty once trimmed, impossible dates. */
export function assertFields(d: Pick<Document, 'title' | 'issuingBody' | 'issuedOn'>): void {
  const problems: Record<string, string> = {};
  if (!d.title) problems.title = 'title cannot be empty';
  if (!d.issuingBody) problems.issuingBody = 'issuingBody cannot be empty';
  if (d.issuedOn && !isRealDate(d.issuedOn)) problems.issuedOn = 'issuedOn is not a real date';
  if (Object.keys(problems).length) throw ApiError.validation(problems);
}
