import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormat } from './format';
import type { TopContentResponse } from './types';

/** The most viewed documents and news of the window, as the server ranked them. */
export const TopContentTable = ({ report }: { report: TopContentResponse }) => {
  const translate = useTranslate();
  const f = useFormat();
  if (report.items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('analytics.top_content.empty')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={translate('analytics.top_content.title')} data-testid="top-content">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 32 }}>#</TableCell>
          <TableCell>{translate('analytics.top_content.columns.title')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('analytics.top_content.columns.type')}</TableCell>
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            {translate('analytics.top_content.columns.views')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {report.items.map((item, index) => (
          <TableRow key={`${item.targetType}-${item.targetId}`}>
            <TableCell>{index + 1}</TableCell>
            <TableCell>
              {item.title ?? (
                <Typography component="span" variant="body2" color="text.secondary">
                  {translate('analytics.top_content.deleted')}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`analytics.top_content.types.${item.targetType}`)}</TableCell>
            <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {f.number(item.views)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
