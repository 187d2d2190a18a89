import { Chip } from '@mui/material';
import { AutocompleteInput, ReferenceInput, required, useNotify, useRecordContext, useTranslate, type Validator } from 'react-admin';
import { errorMessage } from '../common/errors';
import { committeeOptionText } from '../committees/choices';
import { tokenStorage } from '../httpClient';
import { CONTENT_STATUSES, type ContentStatus } from '../types';

/*
 * Bits shared by the content pages (documents, news, FAQ, surveys) and the
 * rollout/training pages: the draft/published status, the publishing
 * committee picker, the caller's home committee, translated API errors.
 */

export const contentStatusChoices = CONTENT_STATUSES.map((id) => ({
  id,
  name: `app.content.statuses.${id}`,
}));

const STATUS_COLORS: Record<ContentStatus, 'default' | 'success'> = {
  draft: 'default',
  published: 'success',
};

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

/** draft / published as a chip. */
export const ContentStatusField = ({ source = 'status' }: FieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const status = record?.[source] as ContentStatus | undefined;
  if (!status) return null;
  return (
    <Chip
      size="small"
      variant={status === 'published' ? 'filled' : 'outlined'}
      color={STATUS_COLORS[status] ?? 'default'}
      label={translate(`app.content.statuses.${status}`, { _: status })}
    />
  );
};

/** A boolean `published` (FAQ entries) as the same chip. */
export const PublishedField = ({ source = 'published' }: FieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  const status: ContentStatus = record[source] ? 'published' : 'draft';
  return (
    <Chip
      size="small"
      variant={status === 'published' ? 'filled' : 'outlined'}
      color={STATUS_COLORS[status]}
      label={translate(`app.content.statuses.${status}`)}
    />
  );
};

/** Strings shown as small chips (tags, keywords). */
export const ChipsField = ({ source = 'tags' }: FieldProps) => {
  const record = useRecordContext();
  const values = (record?.[source] as string[] | undefined) ?? [];
  if (values.length === 0) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {values.map((value) => (
        <Chip key={value} size="small" variant="outlined" label={value} />
      ))}
    </span>
  );
};

/** The home committee of the signed-in account (null: the whole tree). */
export const homeCommitteeId = (): number | null => tokenStorage.getUser()?.committeeId ?? null;

const filterToQuery = (q: string) => ({ q });
const requiredValidator = required();

/**
 * The committee picker of content forms: the publishing (or target,
 * organising) committee, in the caller's scope. Pre-filled with the home
 * committee on create.
 */
export const CommitteeInput = ({
  source = 'committeeId',
  label,
  helperText,
  isRequired = true,
  alwaysOn,
  validate,
}: {
  source?: string;
  label?: string;
  helperText?: string | false;
  isRequired?: boolean;
  alwaysOn?: boolean;
  validate?: Validator | Validator[];
}) => (
  <ReferenceInput source={source} reference="committees" sort={{ field: 'name', order: 'ASC' }} alwaysOn={alwaysOn}>
    <AutocompleteInput
      label={label}
      optionText={committeeOptionText}
      filterToQuery={filterToQuery}
      validate={validate ?? (isRequired ? requiredValidator : undefined)}
      helperText={helperText}
      sx={{ minWidth: 320 }}
    />
  </ReferenceInput>
);

/** The key of `app.errors.<CODE>` if the app translates that code. */
const translatedCode = (translate: (key: string, options?: any) => string, error: unknown): string | undefined => {
  const code = (error as { code?: string } | undefined)?.code ?? (error as { body?: { code?: string } } | undefined)?.body?.code;
  if (!code) return undefined;
  const key = `app.errors.${code}`;
  const missing = '\u0000';
  return translate(key, { _: missing }) === missing ? undefined : key;
};

/** The server's own sentence of a failed call (not a translation key). */
export const serverText = (error: unknown): string | undefined => {
  const message = (error as { body?: { message?: unknown } } | undefined)?.body?.message;
  return typeof message === 'string' ? message : undefined;
};

/**
 * Codes whose server sentence says what exactly was refused ("Refused:
 * question 3: options added..."): it is shown under the app's own sentence.
 */
const DETAILED_CODES = new Set(['SURVEY_HAS_RESPONSES', 'SURVEY_CLOSED']);

/**
 * Notify a failed call: the app's sentence for the API's error code when it
 * has one (409 SURVEY_HAS_RESPONSES...), else what httpClient made of it.
 */
export const useNotifyApiError = () => {
  const notify = useNotify();
  const translate = useTranslate();
  return (error: unknown) => {
    const key = translatedCode(translate, error);
    const code = (error as { code?: string } | undefined)?.code;
    const detail = serverText(error);
    if (key && code && DETAILED_CODES.has(code) && detail) {
      notify(`${translate(key)}\n\n${detail}`, {
        type: 'error',
        multiLine: true,
        autoHideDuration: 15000,
      });
      return;
    }
    notify(key ?? errorMessage(error), { type: 'error' });
  };
};

/**
 * `mutationOptions.onError` of a pessimistic Create/Edit: validation errors
 * stay on their inputs (react-admin notifies those itself); anything else
 * (409 SURVEY_HAS_RESPONSES...) is notified in the UI language.
 */
export const useSaveErrorHandler = () => {
  const notifyError = useNotifyApiError();
  return (error: unknown) => {
    const errors = (error as { body?: { errors?: object } } | undefined)?.body?.errors;
    if (errors && Object.keys(errors).length > 0) return;
    notifyError(error);
  };
};

/** The same as a function returning the text, for alerts inside a page. */
export const useApiErrorText = () => {
  const translate = useTranslate();
  return (error: unknown): string => {
    const key = translatedCode(translate, error);
    return translate(key ?? errorMessage(error), { _: errorMessage(error) });
  };
};

/** Bytes in the UI locale: "1,2 MB". */
export const formatBytes = (size: number, locale: string): string => {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(locale, {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  })} ${units[unit]}`;
};
