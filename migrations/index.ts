import { Foundation1764130000000 } from './1764130000000-foundation.js';
import { MembershipRegisters1795669536171 } from './1795669536171-membership-registers.js';
import { MemberSelfService1795670231045 } from './1795670231045-member-self-service.js';
import { Trainings1795671306735 } from './1795671306735-trainings.js';
import { FaqModule1795671477746 } from './1795671477746-faq-module.js';
import { NewsItems1795671495881 } from './1795671495881-news-items.js';
import { DocumentLibrary1795671543730 } from './1795671543730-document-library.js';
import { SurveysModule1795671851241 } from './1795671851241-surveys-module.js';
import { Analytics1795671956292 } from './1795671956292-analytics.js';
import { AccountLockoutRateLimits1795673415329 } from './1795673415329-account-lockout-rate-limits.js';
import { FaqRevision1795674000000 } from './1795674000000-faq-revision.js';
import { AnalyticsSessions1795681305117 } from './1795681305117-analytics-sessions.js';
import { SurveyAnonymity1795689100000 } from './1795689100000-survey-anonymity.js';
import { MemberIdentityConflicts1795700000000 } from './1795700000000-member-identity-conflicts.js';
import { AuthDevicesPasswordHistory1796408925275 } from './1796408925275-auth-devices-password-history.js';
import { Meetings1796442007864 } from './1796442007864-meetings.js';
import { MeetingReport1796442480804 } from './1796442480804-meeting-report.js';
import { DevicePush1796500000000 } from './1796500000000-device-push.js';
import { Notifications1796514442323 } from './1796514442323-notifications.js';
import { MemberActivityHold1796514442324 } from './1796514442324-member-activity-hold.js';
import { PushDeliveries1796516172329 } from './1796516172329-push-deliveries.js';
import { WebDevices1796527044465 } from './1796527044465-web-devices.js';
import { FaqChangedNotify1796527555737 } from './1796527555737-faq-changed-notify.js';
import { VietnameseNameOrder1796528830433 } from './1796528830433-vietnamese-name-order.js';
import { DocumentTypes1796529787757 } from './1796529787757-document-types.js';
import { ContentViewsEveryLevel1796540889646 } from './1796540889646-content-views-every-level.js';

/** Every migration, oldest first (explicit imports work the same under tsc, jest and the CLI). */
export const MIGRATIONS = [
  Foundation1764130000000,
  MembershipRegisters1795669536171,
  MemberSelfService1795670231045,
  Trainings1795671306735,
  FaqModule1795671477746,
  NewsItems1795671495881,
  DocumentLibrary1795671543730,
  SurveysModule1795671851241,
  Analytics1795671956292,
  AccountLockoutRateLimits1795673415329,
  FaqRevision1795674000000,
  AnalyticsSessions1795681305117,
  SurveyAnonymity1795689100000,
  MemberIdentityConflicts1795700000000,
  AuthDevicesPasswordHistory1796408925275,
  Meetings1796442007864,
  MeetingReport1796442480804,
  DevicePush1796500000000,
  Notifications1796514442323,
  MemberActivityHold1796514442324,
  PushDeliveries1796516172329,
  WebDevices1796527044465,
  FaqChangedNotify1796527555737,
  VietnameseNameOrder1796528830433,
  DocumentTypes1796529787757,
  ContentViewsEveryLevel1796540889646,
];
