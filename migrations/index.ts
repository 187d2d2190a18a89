import { Foundation1764130000000 } from './1764130000000-foundation.js';
import { MembershipRegisters1795669536171 } from './1795669536171-membership-registers.js';

/** Every migration, oldest first (explicit imports work the same under tsc, jest and the CLI). */
export const MIGRATIONS = [Foundation1764130000000, MembershipRegisters1795669536171];
