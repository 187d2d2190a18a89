import type { MouseEvent } from 'react';
import { Breadcrumbs, Chip, Typography } from '@mui/material';
import {
    DateField,
    Link,
    NumberField,
    useCreatePath,
    useGetMany,
    useLocaleState,
    useRecordContext,
    useTranslate,
    type DateFieldProps,
    type NumberFieldProps,
} from 'react-admin';
import { intlLocale } from '../i18n';
import type { Committee } from '../types';
import { ancestorIds, PHASE_COLORS } from './choices';

interface FieldProps {
    source?: string;
    label?: string;
    sortable?: boolean;
}

/** The rollout phase as a coloured chip. */
export const PhaseField = (_props: FieldProps) => {
    const record = useRecordContext<Committee>();
    const translate = useTranslate();
    if (!record?.phase) return null;
    return (
        <Chip
            size="small"
            color={PHASE_COLORS[record.phase] ?? 'default'}
            label={translate(`resources.committees.phases.${record.phase}`, {
                _: record.phase,
            })}
        />
    );
};

/** A 0..1 number shown as a percentage in the UI locale. */
export const PercentField = (props: NumberFieldProps) => {
    const [locale] = useLocaleState();
    return (
        <NumberField
            options={{ style: 'percent', maximumFractionDigits: 1 }}
            locales={intlLocale(locale)}
            {...props}
        />
    );
};

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
export const LocaleDateField = ({
    dateOnly,
    ...props
}: DateFieldProps & { dateOnly?: boolean }) => {
    const [locale] = useLocaleState();
    const options = props.showTime
        ? DATE_TIME_OPTIONS
        : dateOnly
          ? DATE_ONLY_OPTIONS
          : DATE_OPTIONS;
    return (
        <DateField locales={intlLocale(locale)} options={options} {...props} />
    );
};

/** Number of direct subordinates, linking to the list filtered on them. */
export const ChildCountField = (_props: FieldProps) => {
    const record = useRecordContext<Committee>();
    const translate = useTranslate();
    if (!record) return null;
    if (!record.childCount) return <Typography variant="body2">0</Typography>;
    const search = `?filter=${encodeURIComponent(
        JSON.stringify({ parentId: record.id })
    )}`;
    return (
        <Link
            to={{ pathname: '/committees', search }}
            title={translate('resources.committees.view_children', {
                smart_count: record.childCount,
            })}
            onClick={(event: MouseEvent) => event.stopPropagation()}
        >
            {record.childCount}
        </Link>
    );
};

/** The chain of parent organisations, from the root down to this one. */
export const AncestorsField = (_props: FieldProps) => {
    const record = useRecordContext<Committee>();
    const translate = useTranslate();
    const createPath = useCreatePath();
    const ids = ancestorIds(record);
    const { data } = useGetMany<Committee>(
        'committees',
        { ids },
        { enabled: ids.length > 0 }
    );
    if (!record) return null;
    const byId = new Map((data ?? []).map(c => [c.id, c]));
    return (
        <Breadcrumbs aria-label={translate('resources.committees.sections.tree')}>
            {ids.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                    {translate('resources.committees.root')}
                </Typography>
            )}
            {ids.map(id => (
                <Link
                    key={id}
                    to={createPath({ resource: 'committees', id, type: 'show' })}
                >
                    {byId.get(id)?.name ?? `#${id}`}
                </Link>
            ))}
            <Typography variant="body2" color="text.primary">
                {record.name}
            </Typography>
        </Breadcrumbs>
    );
};
