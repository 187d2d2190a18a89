import { randomInt } from 'node:crypto';

/** A login name: 3-64 characters, lower-case letters, digits, dot, dash, underscore; starts and ends with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{1,62})[a-z0-9]$/;

const BASE_MAX = 40;

/**
 * The readable part of a generated username: the full name without diacritics, spaces or
 * punctuation ("Nguyễn Văn An" → "nguyenvanan"). Never empty.
 */
export function usernameBase(fullName: string): string {
  const ascii = fullName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return ascii.slice(0, BASE_MAX) || 'dangvien';
}

/**
 * A candidate username: the base and a random number (`nguyenvanan.4821`). `attempt` widens the
 * number after repeated clashes, so that a very common name still finds a free one.
 */
export function usernameCandidate(base: string, attempt = 0): string {
  const digits = attempt < 8 ? 4 : attempt < 16 ? 6 : 8;
  return `${base}.${randomInt(10 ** (digits - 1), 10 ** digits)}`;
}
