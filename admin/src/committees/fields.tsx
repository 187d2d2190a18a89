import type { MouseEvent } from 'react';
import { Breadcrumbs, Chip, Typography } from '@mui/material';
import {
  Link,
  NumberField,
  useCreatePath,
  useGetMany,
  useLocaleState,
  useRecordContext,
  useTranslate,
  type NumberFieldProps,
} from 'react-admin';
import { intlLocale } from '../i18n';
import { useNumberFormats } from '../common/numbers';
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
  return <NumberField options={{ style: 'percent', maximumFractionDigits: 1 }} locales={intlLocale(locale)} {...props} />;
};

/**
 * A committee's install-rate target: its own, else "Theo cấp trên" (the reports judge it by the
 * committee above's target), "Chưa đặt" at the top of the tree.
 */
export const TargetField = (_props: { source?: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext<Committee>();
  const translate = useTranslate();
  const numbers = useNumberFormats();
  if (!record) return null;
  if (record.targetInstallRate != null) return <Typography variant="body2">{numbers.percent(record.targetInstallRate)}</Typography>;
  return (
    <Typography variant="body2" color="text.secondary">
      {translate(record.parentId == null ? 'resources.committees.target_unset' : 'resources.committees.target_inherited')}
    </Typography>
  );
};

/** Dates in the UI locale; shared by every resource. */
export { LocaleDateField } from '../common/LocaleDateField';

/** Number of direct subordinates, linking to the list filtered on them. */
export const ChildCountField = (_props: FieldProps) => {
  const record = useRecordContext<Committee>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.childCount) return <Typography variant="body2">0</Typography>;
  const search = `?filter=${encodeURIComponent(JSON.stringify({ parentId: record.id }))}`;
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
  const { data } = useGetMany<Committee>('committees', { ids }, { enabled: ids.length > 0 });
  if (!record) return null;
  const byId = new Map((data ?? []).map((c) => [c.id, c]));
  return (
    <Breadcrumbs aria-label={translate('resources.committees.sections.tree')}>
      {ids.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.committees.root')}
        </Typography>
      )}
      {ids.map((id) => (
        <Link key={id} to={createPath({ resource: 'committees', id, type: 'show' })}>
          {byId.get(id)?.name ?? `#${id}`}
        </Link>
      ))}
      <Typography variant="body2" color="text.primary">
        {record.name}
      </Typography>
    </Breadcrumbs>
  );
};
