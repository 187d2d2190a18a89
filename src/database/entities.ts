import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuthSession, LoginThrottle, RefreshToken } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { Committee } from '../membership/committee.entity.js';
import { CommitteePhaseChange } from '../membership/committee-phase-change.entity.js';
import { Member } from '../membership/member.entity.js';
import { MemberTransfer } from '../membership/member-transfer.entity.js';

/** Every entity of the application; the app and the TypeORM CLI read this one list. */
export const ENTITIES = [Committee, Member, User, AuthSession, RefreshToken, LoginThrottle, AuditEntry, MemberTransfer, CommitteePhaseChange];
