import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';

type ReportMethod = 'getInstallRates' | 'getInstallTimeline' | 'getVisits' | 'getTopContent' | 'getRollout' | 'getMeetingReport';

type QueryOf<M extends ReportMethod> = NonNullable<Parameters<AppDataProvider[M]>[0]>;
type ResultOf<M extends ReportMethod> = Awaited<ReturnType<AppDataProvider[M]>>;

/**
 * One analytics report through the data provider (react-query caches it per
 * method and query, so going back up a drill-down is instant). `enabled`
 * false: the role may not read it, nothing is fetched.
 */
export const useReport = <M extends ReportMethod>(method: M, query: QueryOf<M>, enabled = true) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery<ResultOf<M>, Error & { status?: number }>({
    queryKey: ['analytics', method, query],
    queryFn: () => (dataProvider[method] as (q: QueryOf<M>) => Promise<ResultOf<M>>)(query),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
};
