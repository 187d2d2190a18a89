import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';
import { formatVietnamDate, formatVietnamDateTime } from './vietnamTime';

type Options = { dateOnly?: boolean; showTime?: boolean };

const format = (value: string | Date, { showTime = false }: Options): string =>
  showTime ? formatVietnamDateTime(value) : formatVietnamDate(value);

/**
 * A date as dd/mm/yyyy (with `showTime`, dd/mm/yyyy HH:mm), in Vietnam time whatever the browser's
 * language or time zone. Calendar dates (YYYY-MM-DD) are shown as written; `dateOnly` is kept for
 * the callers that say so.
 */
export const LocaleDateField = ({ source, showTime, emptyText }: FieldProps & Options & { emptyText?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source as string] as string | null | undefined;
  if (value == null || value === '') {
    return emptyText ? (
      <Typography component="span" variant="body2">
        {translate(emptyText, { _: emptyText })}
      </Typography>
    ) : null;
  }
  return (
    <Typography component="span" variant="body2">
      {format(value, { showTime })}
    </Typography>
  );
};

/** The same formats as a function, for dates inside sentences. */
export const useFormatDate = () => {
  return (value: string | null | undefined, options: Options = {}): string => (value ? format(value, options) : '');
};
