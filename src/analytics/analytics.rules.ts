import { APP_TIME_ZONE } from '../common/dates.js';

/** What the mobile app reports: an app start (a visit) or a view of a piece of content. */
export const EVENT_TYPES = ['app_open', 'view'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What a `view` event looks at. Documents and news count on their own; the rest as "other" views. */
export const TARGET_TYPES = ['document', 'news', 'faq', 'survey'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The content whose views are ranked by the top-content report. */
export const RANKED_TARGET_TYPES = ['document', 'news'] as const;
export type RankedTargetType = (typeof RANKED_TARGET_TYPES)[number];

/**
 * Vietnam's calendar: a day of activity is a date in Hà Nội. The one statement of the zone for the
 * analytics SQL (the ingestion statement's days, in access-event.repository.ts); it is the product's
 * calendar (APP_TIME_ZONE). The migrations that built the counters' triggers
 * (migrations/1795671956292-analytics.ts, 1795681305117-analytics-sessions.ts) wrote the same zone
 * into the functions: test/e2e/analytics-time-zone.e2e-spec.ts holds them to this constant.
 */
export const ACTIVITY_TIME_ZONE = APP_TIME_ZONE;
