/**
 * Shapes of the analytics endpoints (GET /api/analytics/*): aliases of the types generated
 * from openapi.json (clients/typescript/schema.ts, the same types the SDK uses). Every figure is computed by the server: the
 * dashboard only shows them.
 */
import type { components, operations } from '../../../clients/typescript/schema';

type Schemas = components['schemas'];

/** Vietnam dates (YYYY-MM-DD), both included. */
export type DateWindow = Schemas['DateWindow'];
export type ReportCommittee = Schemas['ReportCommittee'];
export type RateFigures = Schemas['RateFigures'];
export type CountFigures = Schemas['CountFigures'];
export type NotInstalledByReason = Schemas['NotInstalledByReason'];
export type InstallRateFigures = Schemas['InstallRateFigures'];
export type InstallRateChild = Schemas['InstallRateChild'];
export type InstallRatesResponse = Schemas['InstallRatesResponse'];
export type InstallTimelinePoint = Schemas['InstallTimelinePoint'];
export type InstallTimelineResponse = Schemas['InstallTimelineResponse'];
export type ViewCounts = Schemas['ViewCounts'];
export type VisitDay = Schemas['VisitDay'];
export type VisitTotals = Schemas['VisitTotals'];
export type VisitAverage = Schemas['VisitAverage'];
export type VisitsResponse = Schemas['VisitsResponse'];
export type TopContentItem = Schemas['TopContentItem'];
export type TopContentResponse = Schemas['TopContentResponse'];
export type PhaseCounts = Schemas['PhaseCounts'];
export type RolloutHistoryEntry = Schemas['RolloutHistoryEntry'];
export type RolloutResponse = Schemas['RolloutResponse'];

/** The JSON report's query (the file format is the downloads' business). */
type ReportQuery<Operation extends keyof operations> = Omit<NonNullable<operations[Operation]['parameters']['query']>, 'format'>;

/** The committee a report is about; none: the caller's home committee. */
export type CommitteeQuery = ReportQuery<'getRolloutOverview'>;

/** A window of Vietnam dates; omitted ends take the server's defaults. */
export type WindowQuery = ReportQuery<'getInstallTimeline'>;

export type TopContentQuery = ReportQuery<'getTopContent'>;
