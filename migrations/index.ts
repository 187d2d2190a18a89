import { Foundation1764130000000 } from './1764130000000-foundation.js';

/** Every migration, oldest first (explicit imports work the same under tsc, jest and the CLI). */
export const MIGRATIONS = [Foundation1764130000000];
