/*
 * The date pickers (MUI X, dayjs) behind VietnamDateInput and VietnamDateTimeInput: loaded with the
 * first form or filter that has a date, not with the login page. Typed and picked as dd/mm/yyyy and
 * dd/mm/yyyy HH:mm (24-hour, Vietnam time) whatever the browser's language.
 */
import { useEffect, useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en-gb';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { TimePicker } from '@mui/x-date-pickers/TimePicker';
import { viVN, enUS } from '@mui/x-date-pickers/locales';
import { FieldTitle, InputHelperText, useInput, useLocaleState, type InputProps } from 'react-admin';
import { INVALID_DATE, parseVietnamDateTime, vietnamParts } from './vietnamTime';

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
export const MONTH_FORMAT = 'MM/YYYY';
export const TIME_FORMAT = 'HH:mm';

const Provider = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  const vi = locale === 'vi';
  return (
    <LocalizationProvider
      dateAdapter={AdapterDayjs}
      adapterLocale={vi ? 'vi' : 'en-gb'}
      localeText={(vi ? viVN : enUS).components.MuiLocalizationProvider.defaultProps.localeText}
    >
      {children}
    </LocalizationProvider>
  );
};

/** "2026-12-04" → the picker's day (local midnight: only its wall-clock parts matter). */
const fromCalendarDate = (value: unknown): Dayjs | null => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const day = dayjs(value.slice(0, 10), 'YYYY-MM-DD');
  return day.isValid() ? day : null;
};

/** An instant → the picker's value holding its Vietnam wall-clock time. */
const fromInstant = (value: unknown): Dayjs | null => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const p = vietnamParts(date);
  return dayjs(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
};

const toCalendarDate = (day: Dayjs | null): string | null => (day == null ? null : day.isValid() ? day.format('YYYY-MM-DD') : INVALID_DATE);
const toInstant = (day: Dayjs | null): string | null =>
  day == null ? null : day.isValid() ? (parseVietnamDateTime(day.format(DATE_TIME_FORMAT)) ?? INVALID_DATE) : INVALID_DATE;

/** "2026-12" (or "2026-12-01") → the picker's month; the form holds "YYYY-MM". */
const fromMonth = (value: unknown): Dayjs | null =>
  typeof value === 'string' && /^\d{4}-\d{2}/.test(value) ? dayjs(`${value.slice(0, 7)}-01`, 'YYYY-MM-DD') : null;
const toMonth = (day: Dayjs | null): string | null => (day == null ? null : day.isValid() ? day.format('YYYY-MM') : INVALID_DATE);
/** "19:30" ↔ the picker's time of day (24-hour). */
const fromTime = (value: unknown): Dayjs | null =>
  typeof value === 'string' && /^\d{2}:\d{2}/.test(value) ? dayjs(`2000-01-01T${value.slice(0, 5)}`) : null;
const toTime = (day: Dayjs | null): string | null => (day == null ? null : day.isValid() ? day.format('HH:mm') : INVALID_DATE);

/** What each kind of input holds in the form, and how the picker reads and writes it. */
const KINDS = {
  date: { from: fromCalendarDate, to: toCalendarDate, width: 180 },
  datetime: { from: fromInstant, to: toInstant, width: 230 },
  month: { from: fromMonth, to: toMonth, width: 170 },
  time: { from: fromTime, to: toTime, width: 140 },
} as const;
export type PickerKind = keyof typeof KINDS;

type PickerInputProps = InputProps & {
  kind?: PickerKind;
  time?: boolean;
  fullWidth?: boolean;
  minDate?: string;
  maxDate?: string;
  sx?: object;
  className?: string;
};

/** A react-admin input over the picker: the form holds "YYYY-MM-DD" (dates) or an ISO instant (with `time`). */
export const PickerInput = ({
  kind: kindProp,
  time = false,
  label,
  helperText,
  fullWidth,
  sx,
  className,
  minDate,
  maxDate,
  ...props
}: PickerInputProps) => {
  const kind: PickerKind = kindProp ?? (time ? 'datetime' : 'date');
  const { from, to, width } = KINDS[kind];
  const { field, fieldState, isRequired, id } = useInput(props);
  const [value, setValue] = useState<Dayjs | null>(() => from(field.value));
  // a value set from outside (a reset, a default arriving late) replaces what the picker holds
  useEffect(() => {
    const current = to(value);
    if (field.value !== current && !(field.value === INVALID_DATE) && !(field.value == null && current == null)) {
      const next = from(field.value);
      if (to(next) !== current) setValue(next);
    }
  }, [field.value]);
  const onChange = (next: Dayjs | null) => {
    setValue(next);
    field.onChange(to(next));
  };
  const error = fieldState.invalid && (fieldState.isTouched || fieldState.isDirty || fieldState.error != null);
  const textField = {
    id,
    name: field.name,
    onBlur: field.onBlur,
    error: Boolean(error),
    fullWidth,
    variant: 'filled' as const,
    margin: 'dense' as const,
    size: 'small' as const,
    className,
    sx: { minWidth: width, ...((sx as object) ?? {}) },
    helperText:
      helperText !== false || error ? (
        <InputHelperText error={error ? fieldState.error?.message : undefined} helperText={helperText} />
      ) : undefined,
  };
  const common = {
    label:
      label === false ? undefined : <FieldTitle label={label} source={props.source} resource={props.resource} isRequired={isRequired} />,
    value,
    onChange,
    disabled: props.disabled,
    readOnly: props.readOnly,
    minDate: minDate ? (fromCalendarDate(minDate) ?? undefined) : undefined,
    maxDate: maxDate ? (fromCalendarDate(maxDate) ?? undefined) : undefined,
    slotProps: { textField, field: { clearable: !isRequired } },
  };
  return (
    <Provider>
      {kind === 'datetime' ? (
        <DateTimePicker {...common} format={DATE_TIME_FORMAT} ampm={false} />
      ) : kind === 'month' ? (
        <DatePicker {...common} format={MONTH_FORMAT} views={['year', 'month']} openTo="month" />
      ) : kind === 'time' ? (
        <TimePicker
          label={common.label}
          value={value}
          onChange={onChange}
          disabled={props.disabled}
          readOnly={props.readOnly}
          slotProps={common.slotProps}
          format={TIME_FORMAT}
          ampm={false}
        />
      ) : (
        <DatePicker {...common} format={DATE_FORMAT} />
      )}
    </Provider>
  );
};

/** A plain controlled date picker (outside react-admin forms): "YYYY-MM-DD" or '' in and out. */
export const PlainDatePicker = ({
  label,
  value,
  onChange,
  sx,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  sx?: object;
}) => (
  <Provider>
    <DatePicker
      label={label}
      format={DATE_FORMAT}
      value={fromCalendarDate(value)}
      onChange={(next) => {
        const date = toCalendarDate(next);
        onChange(date === INVALID_DATE || date == null ? '' : date);
      }}
      slotProps={{ textField: { size: 'small', sx }, field: { clearable: true } }}
    />
  </Provider>
);

/** A plain controlled month picker: "YYYY-MM" in and out (a month not fully typed is not passed on). */
export const PlainMonthPicker = ({
  label,
  value,
  onChange,
  sx,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  sx?: object;
  testId?: string;
}) => (
  <Provider>
    <DatePicker
      label={label}
      format={MONTH_FORMAT}
      views={['year', 'month']}
      openTo="month"
      value={fromMonth(value)}
      onChange={(next) => {
        const month = toMonth(next);
        if (month && month !== INVALID_DATE) onChange(month);
      }}
      slotProps={{ textField: { size: 'small', sx, inputProps: { 'data-testid': testId } } as object }}
    />
  </Provider>
);

export default PickerInput;
