/*
 * Date inputs of every form and filter: dd/mm/yyyy (and HH:mm, 24-hour, Vietnam time) with a
 * Vietnamese calendar, instead of the browser's native input that follows the browser's language
 * (mm/dd/yyyy in an English Chromium). The pickers load with the first input that needs them.
 */
import { lazy, Suspense } from 'react';
import { TextField } from '@mui/material';
import { useTranslate, type InputProps, type Validator } from 'react-admin';
import { INVALID_DATE, isCalendarDate } from './vietnamTime';

const Pickers = lazy(() => import('./DatePickers'));
const PlainPicker = lazy(() => import('./DatePickers').then((m) => ({ default: m.PlainDatePicker })));
const PlainMonth = lazy(() => import('./DatePickers').then((m) => ({ default: m.PlainMonthPicker })));

/** Refuses a date typed in part or that does not exist (31/02/1990). */
const validDate: Validator = (value) =>
  value == null || value === '' || (typeof value === 'string' && value !== INVALID_DATE && (value.length !== 10 || isCalendarDate(value)))
    ? undefined
    : 'app.dates.invalid';

const withValidDate = (validate: InputProps['validate']): Validator[] => [
  validDate,
  ...(Array.isArray(validate) ? validate : validate ? [validate] : []),
];

const Loading = ({ label, time }: { label?: InputProps['label']; time?: boolean }) => {
  const translate = useTranslate();
  return (
    <TextField
      size="small"
      margin="dense"
      disabled
      label={typeof label === 'string' ? translate(label, { _: label }) : undefined}
      placeholder={time ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy'}
      sx={{ minWidth: time ? 230 : 180 }}
    />
  );
};

type DateInputProps = InputProps & { fullWidth?: boolean; minDate?: string; maxDate?: string; sx?: object; className?: string };

/** A calendar date ("YYYY-MM-DD" in the form), typed or picked as dd/mm/yyyy. */
export const VietnamDateInput = (props: DateInputProps) => (
  <Suspense fallback={<Loading label={props.label} />}>
    <Pickers {...props} validate={withValidDate(props.validate)} />
  </Suspense>
);

/** An instant (ISO in the form), typed or picked as dd/mm/yyyy HH:mm in Vietnam time. */
export const VietnamDateTimeInput = (props: DateInputProps) => (
  <Suspense fallback={<Loading label={props.label} time />}>
    <Pickers {...props} time validate={withValidDate(props.validate)} />
  </Suspense>
);

/** A month ("YYYY-MM" in the form), typed or picked as mm/yyyy. */
export const VietnamMonthInput = (props: DateInputProps) => (
  <Suspense fallback={<Loading label={props.label} />}>
    <Pickers {...props} kind="month" validate={withValidDate(props.validate)} />
  </Suspense>
);

/** A time of day ("19:30" in the form), typed or picked on a 24-hour clock. */
export const VietnamTimeInput = (props: DateInputProps) => (
  <Suspense fallback={<Loading label={props.label} />}>
    <Pickers {...props} kind="time" validate={withValidDate(props.validate)} />
  </Suspense>
);

/** A controlled month picker outside react-admin's forms ("YYYY-MM"). */
export const PlainMonthInput = (props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  sx?: object;
  testId?: string;
}) => (
  <Suspense fallback={<Loading label={props.label} />}>
    <PlainMonth {...props} />
  </Suspense>
);

/** A controlled date picker outside react-admin's forms ("YYYY-MM-DD" or ''). */
export const PlainDateInput = (props: { label: string; value: string; onChange: (value: string) => void; sx?: object }) => (
  <Suspense fallback={<Loading label={props.label} />}>
    <PlainPicker {...props} />
  </Suspense>
);
