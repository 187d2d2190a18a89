import type { Role } from './roles.js';

/** Who is calling: loaded once per request by auth's global guard (auth.guards.ts). */
export interface Principal {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** Home committee (null only for an admin of the whole tree). */
  committeeId: number | null;
  committeeName: string | null;
  /** ltree path of the home committee: the root of everything this principal may see. */
  committeePath: string | null;
  memberId: string | null;
  mustChangePassword: boolean;
  sessionId: string;
  /** The request this principal was loaded for: its id and the client's anonymised address. */
  requestId: string;
  clientAddress: string | null;
}
