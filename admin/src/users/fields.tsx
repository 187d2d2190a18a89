import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { UserAccount } from '../types';
import { ROLE_COLORS } from './choices';

interface FieldProps {
    source?: string;
    label?: string;
    sortable?: boolean;
}

/** The role as a chip; a deactivated account says so. */
export const RoleField = (_props: FieldProps) => {
    const record = useRecordContext<UserAccount>();
    const translate = useTranslate();
    if (!record?.role) return null;
    return (
        <Chip
            size="small"
            sx={{ alignSelf: 'flex-start' }}
            variant={record.isActive ? 'filled' : 'outlined'}
            color={ROLE_COLORS[record.role] ?? 'default'}
            label={translate(`app.roles.${record.role}`, { _: record.role })}
        />
    );
};

/** The home committee, or "the whole tree" for a root admin. */
export const HomeCommitteeField = (_props: FieldProps) => {
    const record = useRecordContext<UserAccount>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <span>
            {record.committeeId == null
                ? translate('resources.users.whole_tree')
                : (record.committeeName ?? `#${record.committeeId}`)}
        </span>
    );
};
