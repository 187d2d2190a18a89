import { Alert, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A titled card around one report: a skeleton while it loads, the error if it failed. */
export const ReportCard = ({
  title,
  help,
  isPending,
  error,
  action,
  children,
  height = 240,
  testId,
  fill = true,
}: {
  title: ReactNode;
  help?: ReactNode;
  isPending?: boolean;
  error?: Error | null;
  action?: ReactNode;
  children?: ReactNode;
  /** of the skeleton shown while loading */
  height?: number;
  testId?: string;
  /** take the whole height of its grid cell (false: its content's height) */
  fill?: boolean;
}) => {
  const translate = useTranslate();
  return (
    <Card sx={fill ? { height: '100%' } : { flexShrink: 0 }} data-testid={testId} component="section">
      <CardContent>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
            <Typography variant="h6" component="h2">
              {title}
            </Typography>
            {action}
          </Stack>
          {help && (
            <Typography variant="body2" color="text.secondary">
              {help}
            </Typography>
          )}
          {error ? (
            <Alert severity="error">
              {translate('analytics.load_error', {
                message: translate(error.message, { _: error.message }),
              })}
            </Alert>
          ) : isPending ? (
            <Skeleton variant="rounded" height={height} />
          ) : (
            children
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
