import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuthSession, LoginThrottle, RefreshToken } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { Bookmark } from '../documents/bookmark.entity.js';
import { Document } from '../documents/document.entity.js';
import { StoredFile } from '../documents/storage/stored-file.entity.js';
import { Faq } from '../faq/faq.entity.js';
import { UnansweredQuestion } from '../faq/unanswered-question.entity.js';
import { Committee } from '../membership/committee.entity.js';
import { CommitteePhaseChange } from '../membership/committee-phase-change.entity.js';
import { CorrectionRequest } from '../membership/correction-request.entity.js';
import { MemberDevice } from '../membership/device.entity.js';
import { Member } from '../membership/member.entity.js';
import { MemberTransfer } from '../membership/member-transfer.entity.js';
import { Training } from '../membership/training.entity.js';
import { NewsItem } from '../news/news-item.entity.js';

/** Every entity of the application; the app and the TypeORM CLI read this one list. */
export const ENTITIES = [Committee, Member, User, AuthSession, RefreshToken, LoginThrottle, AuditEntry, MemberTransfer, CommitteePhaseChange, MemberDevice, CorrectionRequest, Training, NewsItem, Faq, UnansweredQuestion, StoredFile, Document, Bookmark];
