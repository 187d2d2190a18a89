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
import { viVN, enUS } from '@mui/x-date-pickers/locales';
import { FieldTitle, InputHelperText, useInput, useLocaleState, type InputProps } from 'react-admin';
import { INVALID_DATE, parseVietnamDateTime, vietnamParts } from './vietnamTime';

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

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

type PickerInputProps = InputProps & {
  time?: boolean;
  fullWidth?: boolean;
  minDate?: string;
  maxDate?: string;
  sx?: object;
  className?: string;
};

/** A react-admin input over the picker: the form holds "YYYY-MM-DD" (dates) or an ISO instant (with `time`). */
export const PickerInput = ({
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
  const { field, fieldState, isRequired, id } = useInput(props);
  const from = time ? fromInstant : fromCalendarDate;
  const [value, setValue] = useState<Dayjs | null>(() => from(field.value));
  // a value set from outside (a reset, a default arriving late) replaces what the picker holds
  useEffect(() => {
    const current = time ? toInstant(value) : toCalendarDate(value);
    if (field.value !== current && !(field.value === INVALID_DATE) && !(field.value == null && current == null)) {
      const next = from(field.value);
      if (time ? toInstant(next) !== current : toCalendarDate(next) !== current) setValue(next);
    }
  }, [field.value]);
  const onChange = (next: Dayjs | null) => {
    setValue(next);
    field.onChange(time ? toInstant(next) : toCalendarDate(next));
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
    sx: { minWidth: time ? 230 : 180, ...((sx as object) ?? {}) },
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
      {time ? <DateTimePicker {...common} format={DATE_TIME_FORMAT} ampm={false} /> : <DatePicker {...common} format={DATE_FORMAT} />}
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

export default PickerInput;
