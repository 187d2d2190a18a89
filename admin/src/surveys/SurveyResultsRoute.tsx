import { LinearProgress } from '@mui/material';
import { lazy, Suspense } from 'react';

// recharts comes with this page only: it stays out of the chunks that the
// login page and the lists load (see vite.config.ts).
const SurveyResultsPage = lazy(() =>
  import('./SurveyResultsPage').then((module) => ({
    default: module.SurveyResultsPage,
  })),
);

export const SurveyResultsRoute = () => (
  <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
    <SurveyResultsPage />
  </Suspense>
);
