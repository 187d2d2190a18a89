import type { components } from '../../../clients/typescript/index';
import { answer, api } from '../apiClient';

/*
 * The delivery report of a notification (GET /api/notifications/{id}/report?committeeId=N): how many
 * members of the audience read it and how the pushes to their devices went, for the committee and
 * each of its direct sub-committees. Types and call come from openapi.json (the generated client).
 */

/** One committee's figures (its whole subtree). Rates are 0..1, null when there is nothing to divide by. */
export type NotificationReportRow = components['schemas']['PushReportRow'];

export type NotificationReport = components['schemas']['PushReportResponse'];

/** The report of one notification for a committee of its audience (default: the audience's committee). */
export const getNotificationReport = (notificationId: string, committeeId?: number): Promise<NotificationReport> =>
  answer(
    api.GET('/api/notifications/{id}/report', {
      params: { path: { id: notificationId }, query: committeeId ? { committeeId } : {} },
    }),
  );
