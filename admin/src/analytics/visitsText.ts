import type { Format } from './format';
import type { VisitsResponse } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The average per day with the days it counts ("Trung bình/ngày (từ … đến …, không tính hôm nay): …"),
 * or why there is none; shared by the headline figure and the chart's caption.
 */
export const averageText = (visits: VisitsResponse, f: Format, translate: Translate): string => {
  const average = visits.averagePerDay;
  if (average.window.days === 0) return translate('analytics.visits.no_average');
  return translate(visits.coverage.partialDay ? 'analytics.visits.average_line_partial' : 'analytics.visits.average_line', {
    from: f.date(average.window.from),
    to: f.date(average.window.to),
    value: f.decimal(average.visits),
    smart_count: average.window.days,
  });
};

/** What the data covers: "Số liệu có từ 05/09/2026 …" when the window starts before it; none at all. */
export const coverageText = (visits: VisitsResponse, f: Format, translate: Translate): string | null => {
  const { firstDay } = visits.coverage;
  if (firstDay == null) return translate('analytics.visits.no_data');
  if (firstDay > visits.window.from) return translate('analytics.visits.coverage', { from: f.date(firstDay) });
  return null;
};
