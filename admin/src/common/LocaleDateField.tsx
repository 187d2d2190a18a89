import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';
import { intlLocale } from '../i18n';

const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
};
const DATE_ONLY_OPTIONS: Intl.DateTimeFormatOptions = {
  ...DATE_OPTIONS,
  // "2025-11-20" parses as UTC midnight: format it in UTC too.
  timeZone: 'UTC',
};
const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  ...DATE_OPTIONS,
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * A date in the UI locale (dd/mm/yyyy in Vietnamese). `dateOnly` for
 * YYYY-MM-DD values, `showTime` for timestamps.
 */
export const LocaleDateField = ({ dateOnly, ...props }: DateFieldProps & { dateOnly?: boolean }) => {
  const [locale] = useLocaleState();
  const options = props.showTime ? DATE_TIME_OPTIONS : dateOnly ? DATE_ONLY_OPTIONS : DATE_OPTIONS;
  return <DateField locales={intlLocale(locale)} options={options} {...props} />;
};

/** The same formats as a function, for dates inside sentences. */
export const useFormatDate = () => {
  const [locale] = useLocaleState();
  return (value: string | null | undefined, { dateOnly = false, showTime = false } = {}): string => {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const options = showTime ? DATE_TIME_OPTIONS : dateOnly ? DATE_ONLY_OPTIONS : DATE_OPTIONS;
    return date.toLocaleString(intlLocale(locale), options);
  };
};
