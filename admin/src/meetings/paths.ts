/** The custom pages of a meeting (App.tsx routes them). */
export const MEETING_RUN_PATH = '/meetings/:id/run';
export const MEETING_MINUTES_PATH = '/meetings/:id/minutes';
export const MEETING_MISSING_PATH = '/meeting-report/missing';
export const meetingRunPath = (id: string) => `/meetings/${encodeURIComponent(id)}/run`;
export const meetingMinutesPath = (id: string) => `/meetings/${encodeURIComponent(id)}/minutes`;
export const MEETING_TEMPLATE_PATH = '/meeting-template';
