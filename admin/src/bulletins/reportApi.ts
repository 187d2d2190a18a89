import { API_URL, authorizedFetch } from '../httpClient';

/*
 * The delivery report of a notification (GET /api/notifications/{id}/report?committeeId=N): how many
 * members of the audience read it and how the pushes to their devices went, for the committee and
 * each of its direct sub-committees.
 *
 * TODO(lead): switch to apiClient once the route is in openapi.json (api.GET('/api/notifications/{id}/report'),
 * and these types to the generated schemas): until then this mirrors the report's contract by hand.
 */

/** One committee's figures (its whole subtree). Rates are 0..1, null when there is nothing to divide by. */
export interface NotificationReportRow {
  committeeId: number;
  name: string;
  kind: string;
  /** members of the audience in the subtree */
  members: number;
  /** of them, those who read it */
  read: number;
  readRate: number | null;
  /** devices with a push target */
  devices: number;
  sent: number;
  failed: number;
  /** tokens the provider reported gone */
  gone: number;
  pending: number;
  /** held back: the member turned this kind off */
  muted: number;
  /** not sent for another reason (quiet hours passed, expired...) */
  skipped: number;
  deliveredRate: number | null;
}

export interface NotificationReport {
  notificationId: string;
  kind: string;
  title: string;
  publishAt: string;
  committee: { id: number; name: string };
  total: NotificationReportRow;
  children: NotificationReportRow[];
}

/** The report of one notification for a committee of its audience (default: the audience's committee). */
export const getNotificationReport = async (notificationId: string, committeeId?: number): Promise<NotificationReport> => {
  const query = committeeId ? `?${new URLSearchParams({ committeeId: String(committeeId) })}` : '';
  const response = await authorizedFetch(
    new Request(`${API_URL}/notifications/${encodeURIComponent(notificationId)}/report${query}`, {
      headers: { Accept: 'application/json' },
    }),
  );
  return (await response.json()) as NotificationReport;
};
