import { AccessEvent, AccessEventId } from './analytics/access-event.entity.js';
import { CommitteeDailyActivity, CommitteeMonthlyActivity, ContentDailyView } from './analytics/committee-activity.entity.js';
import { CommitteeInstallDay } from './analytics/committee-install-day.entity.js';
import { CommitteeMemberCount } from './analytics/committee-member-count.entity.js';
import { MemberDailyActivity, MemberMonthlyActivity } from './analytics/member-activity.entity.js';
import { MEETING_REPORT_ENTITIES } from './analytics/meeting-report.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { LoginDevice } from './auth/login-device.entity.js';
import { PasswordHistoryEntry } from './auth/password-history.entity.js';
import { AuthSession, RefreshToken } from './auth/session.entity.js';
import { User } from './auth/user.entity.js';
import { Bookmark } from './documents/bookmark.entity.js';
import { Document } from './documents/document.entity.js';
import { StoredFile } from './documents/stored-file.entity.js';
import { Faq } from './faq/faq.entity.js';
import { UnansweredQuestion } from './faq/unanswered-question.entity.js';
import { RateLimitCounter } from './common/rate-limit.entity.js';
import { Committee } from './committees/committee.entity.js';
import { CommitteePhaseChange } from './committees/committee-phase-change.entity.js';
import { CorrectionRequest } from './self-service/correction-request.entity.js';
import { MemberDevice } from './self-service/device.entity.js';
import { Member } from './members/member.entity.js';
import { MemberIdentityConflict } from './members/member-identity-conflict.entity.js';
import { MemberTransfer } from './members/member-transfer.entity.js';
import { Training } from './trainings/training.entity.js';
import { MEETING_ENTITIES } from './meetings/entities/index.js';
import { NewsItem } from './news/news-item.entity.js';
import { NOTIFICATION_ENTITIES } from './notifications/notification-entities.js';
import { SurveyAnswer } from './surveys/survey-answer.entity.js';
import { SurveyOption } from './surveys/survey-option.entity.js';
import { SurveyParticipation } from './surveys/survey-participation.entity.js';
import { SurveyQuestion } from './surveys/survey-question.entity.js';
import { SurveyResponse } from './surveys/survey-response.entity.js';
import { Survey } from './surveys/survey.entity.js';

/**
 * Every entity of the application, for the TypeORM CLI, the schema check and the benchmark (ormconfig.ts).
 * The running app loads the same entities from the modules that own them (`TypeOrmModule.forFeature`);
 * test/e2e/entities.e2e-spec.ts fails when this list and the modules disagree.
 */
export const ENTITIES = [
  Committee,
  Member,
  User,
  AuthSession,
  RefreshToken,
  PasswordHistoryEntry,
  LoginDevice,
  RateLimitCounter,
  AuditEntry,
  MemberTransfer,
  CommitteePhaseChange,
  MemberDevice,
  CorrectionRequest,
  Training,
  NewsItem,
  Faq,
  UnansweredQuestion,
  StoredFile,
  Document,
  Bookmark,
  Survey,
  SurveyQuestion,
  SurveyOption,
  SurveyParticipation,
  SurveyResponse,
  SurveyAnswer,
  CommitteeMemberCount,
  CommitteeInstallDay,
  CommitteeDailyActivity,
  CommitteeMonthlyActivity,
  ContentDailyView,
  MemberDailyActivity,
  MemberMonthlyActivity,
  AccessEvent,
  AccessEventId,
  MemberIdentityConflict,
  ...MEETING_ENTITIES,
  ...MEETING_REPORT_ENTITIES,
  ...NOTIFICATION_ENTITIES,
];
