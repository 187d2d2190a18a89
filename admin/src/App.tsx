import { lazy, Suspense, type ComponentType } from 'react';
import { Route } from 'react-router';
import { Admin, CustomRoutes, Loading, Resource } from 'react-admin';
import { ChangePasswordPage } from './account/ChangePasswordPage';
import auditLog from './auditLog';
import bulletins from './bulletins';
import { authProvider, CHANGE_PASSWORD_PATH } from './authProvider';
import committees from './committees';
import corrections from './corrections';
import { Dashboard } from './Dashboard';
import identityConflicts from './identityConflicts';
import { dataProvider } from './dataProvider';
import documents from './documents';
import { faqs, unansweredQuestions } from './faq';
import { i18nProvider } from './i18n';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import meetings from './meetings';
import { MEETING_MINUTES_PATH, MEETING_MISSING_PATH, MEETING_RUN_PATH, MEETING_TEMPLATE_PATH } from './meetings/paths';
import { meetingGuidance, meetingGuidanceReadOnly } from './meetingGuidance';
import { meetingTasks } from './meetingTasks';
import members from './members';
import news from './news';
import { can } from './permissions';
import surveys from './surveys';
import { darkTheme, lightTheme } from './theme';
import trainings from './trainings';
import users from './users';
import { COMMITTEE_TREE_PATH, ISSUE_MEMBER_ACCOUNTS_PATH, MEMBER_IMPORT_PATH, ROLLOUT_PATH, SURVEY_RESULTS_PATH } from './paths';

/**
 * The dashboard's own pages (meetings, import, accounts, survey results, rollout, the tree) load
 * when first opened, not with the login page (the first-load budget: test/browser/roles.e2e-spec.ts).
 */
const MeetingTemplatePage = lazy(() => import('./meetings/MeetingTemplatePage').then((m) => ({ default: m.MeetingTemplatePage })));
const MeetingMinutesPage = lazy(() => import('./meetings/MeetingMinutesPage').then((m) => ({ default: m.MeetingMinutesPage })));
const MeetingRunPage = lazy(() => import('./meetings/MeetingRunPage').then((m) => ({ default: m.MeetingRunPage })));
const MissingBranchesPage = lazy(() => import('./meetings/MissingBranchesPage').then((m) => ({ default: m.MissingBranchesPage })));

const MemberImportPage = lazy(() => import('./members/MemberImportPage').then((m) => ({ default: m.MemberImportPage })));

const IssueMemberAccountsPage = lazy(() => import('./users/IssueMemberAccountsPage').then((m) => ({ default: m.IssueMemberAccountsPage })));

const SurveyResultsRoute = lazy(() => import('./surveys/SurveyResultsRoute').then((m) => ({ default: m.SurveyResultsRoute })));

const RolloutPage = lazy(() => import('./rollout/RolloutPage').then((m) => ({ default: m.RolloutPage })));

const CommitteeTreePage = lazy(() => import('./committees/CommitteeTreePage').then((m) => ({ default: m.CommitteeTreePage })));

const Lazy = ({ page: Page }: { page: ComponentType }) => (
  <Suspense fallback={<Loading />}>
    <Page />
  </Suspense>
);

/**
 * The resources and pages of a role (`authProvider.getPermissions()`):
 * - secretary: members (their branch: the API scopes it), corrections,
 *   meetings (plan, run, minutes) and the guidance of their chain (read);
 * - editor: content (documents, news, FAQ, surveys);
 * - committee_admin: committees (list and tree), members, accounts,
 *   corrections, audit log, content, rollout, trainings, meetings,
 *   meeting guidance (write, publish), the meeting report;
 * - admin: everything.
 * A resource registered without views (committees for a secretary) is only
 * there for references (branch names, pickers) and has no menu entry.
 */
const resourcesFor = (role: unknown) => [
  can.manageCommittees(role) ? (
    <Resource key="committees" name="committees" {...committees} />
  ) : (
    <Resource key="committees" name="committees" recordRepresentation={committees.recordRepresentation} />
  ),
  can.manageMembers(role) && <Resource key="members" name="members" {...members} />,
  can.decideCorrections(role) && <Resource key="corrections" name="corrections" {...corrections} />,
  can.resolveIdentityConflicts(role) && (
    <Resource key="member-identity-conflicts" name="member-identity-conflicts" {...identityConflicts} />
  ),
  can.manageUsers(role) && <Resource key="users" name="users" {...users} />,
  can.readAuditLog(role) && <Resource key="audit-log" name="audit-log" {...auditLog} />,
  // Content: documents, news, FAQ entries and unanswered questions, surveys.
  can.editContent(role) && <Resource key="documents" name="documents" {...documents} />,
  can.editContent(role) && <Resource key="news" name="news" {...news} />,
  can.editContent(role) && <Resource key="faqs" name="faqs" {...faqs} />,
  can.editContent(role) && <Resource key="unanswered-questions" name="unanswered-questions" {...unansweredQuestions} />,
  can.editContent(role) && <Resource key="surveys" name="surveys" {...surveys} />,
  can.sendBulletins(role) && <Resource key="bulletins" name="bulletins" {...bulletins} />,
  can.manageTrainings(role) && <Resource key="trainings" name="trainings" {...trainings} />,
  // Branch meetings (sinh hoạt chi bộ) and the month's guidance; the run and minutes pages below.
  can.runMeetings(role) && <Resource key="meetings" name="meetings" {...meetings} />,
  can.runMeetings(role) && <Resource key="meeting-tasks" name="meeting-tasks" {...meetingTasks} />,
  can.runMeetings(role) && (
    <Resource key="meeting-guidance" name="meeting-guidance" {...(can.publishGuidance(role) ? meetingGuidance : meetingGuidanceReadOnly)} />
  ),
  // Analytics (committee_admin, admin) will be a custom route below.
  <CustomRoutes key="pages">
    <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
    {can.manageMembers(role) && <Route path={MEMBER_IMPORT_PATH} element={<Lazy page={MemberImportPage} />} />}
    {can.issueMemberAccounts(role) && <Route path={ISSUE_MEMBER_ACCOUNTS_PATH} element={<Lazy page={IssueMemberAccountsPage} />} />}
    {can.editContent(role) && <Route path={SURVEY_RESULTS_PATH} element={<Lazy page={SurveyResultsRoute} />} />}
    {can.manageRollout(role) && <Route path={ROLLOUT_PATH} element={<Lazy page={RolloutPage} />} />}
    {can.manageCommittees(role) && <Route path={COMMITTEE_TREE_PATH} element={<Lazy page={CommitteeTreePage} />} />}
    {can.runMeetings(role) && <Route path={MEETING_RUN_PATH} element={<Lazy page={MeetingRunPage} />} />}
    {can.runMeetings(role) && <Route path={MEETING_MINUTES_PATH} element={<Lazy page={MeetingMinutesPage} />} />}
    {can.runMeetings(role) && <Route path={MEETING_TEMPLATE_PATH} element={<Lazy page={MeetingTemplatePage} />} />}
    {can.readMeetingReport(role) && <Route path={MEETING_MISSING_PATH} element={<Lazy page={MissingBranchesPage} />} />}
  </CustomRoutes>,
];

// No `requireAuth`: with it, the first visit of a logged-out user can spin for
// seconds in a logout/redirect loop (upstream race between useLogout's store
// reset and the navigation, marmelab/react-admin#10764), seen here with
// react-admin 5.15.4 + react-router 7. Every route still checks the session.
export const App = () => (
  <Admin
    title="Sổ tay Đảng viên điện tử"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    loginPage={LoginPage}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    disableTelemetry
  >
    {resourcesFor}
  </Admin>
);
