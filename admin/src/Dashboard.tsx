import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import LockIcon from '@mui/icons-material/Lock';
import RuleIcon from '@mui/icons-material/Rule';
import {
    Alert,
    Box,
    Card,
    CardContent,
    Stack,
    Table,
    TableBody,
    TableCell,
    TableRow,
    Typography,
} from '@mui/material';
import {
    Button,
    Loading,
    Title,
    useCreatePath,
    useGetIdentity,
    useTranslate,
} from 'react-admin';
import { CHANGE_PASSWORD_PATH } from './authProvider';
import { can } from './permissions';
import type { AuthUser } from './types';

/** Welcome page: who is logged in, from GET /api/auth/me (getIdentity). */
export const Dashboard = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { identity, isPending, error } = useGetIdentity();

    if (isPending) return <Loading />;

    const user = identity as (AuthUser & { fullName: string }) | undefined;

    return (
        <Box sx={{ mt: 2 }}>
            <Title title={translate('app.dashboard.title')} />
            <Card>
                <CardContent>
                    {error || !user ? (
                        <Alert severity="error">
                            {translate('app.dashboard.load_error')}
                        </Alert>
                    ) : (
                        <Stack spacing={2}>
                            <Typography variant="h5" component="h2">
                                {translate('app.dashboard.welcome', {
                                    name: user.fullName,
                                })}
                            </Typography>
                            <Typography variant="body1" color="text.secondary">
                                {translate('app.dashboard.intro')}
                            </Typography>
                            {user.mustChangePassword && (
                                <Alert severity="warning">
                                    {translate(
                                        'app.dashboard.must_change_password'
                                    )}
                                </Alert>
                            )}
                            <Typography variant="h6" component="h3">
                                {translate('app.dashboard.account')}
                            </Typography>
                            <Table size="small" sx={{ maxWidth: 640 }}>
                                <TableBody>
                                    <TableRow>
                                        <TableCell component="th">
                                            {translate('app.dashboard.full_name')}
                                        </TableCell>
                                        <TableCell>{user.fullName}</TableCell>
                                    </TableRow>
                                    <TableRow>
                                        <TableCell component="th">
                                            {translate('app.dashboard.username')}
                                        </TableCell>
                                        <TableCell>{user.username}</TableCell>
                                    </TableRow>
                                    <TableRow>
                                        <TableCell component="th">
                                            {translate('app.dashboard.role')}
                                        </TableCell>
                                        <TableCell>
                                            {translate(`app.roles.${user.role}`, {
                                                _: user.role,
                                            })}
                                        </TableCell>
                                    </TableRow>
                                    <TableRow>
                                        <TableCell component="th">
                                            {translate('app.dashboard.committee')}
                                        </TableCell>
                                        <TableCell>
                                            {user.committeeName ??
                                                translate(
                                                    'app.dashboard.no_committee'
                                                )}
                                        </TableCell>
                                    </TableRow>
                                </TableBody>
                            </Table>
                            <Stack
                                direction="row"
                                spacing={1}
                                useFlexGap
                                sx={{ flexWrap: 'wrap' }}
                            >
                                {user.mustChangePassword && (
                                    <Button
                                        variant="contained"
                                        to={CHANGE_PASSWORD_PATH}
                                        label="app.dashboard.change_password"
                                    >
                                        <LockIcon />
                                    </Button>
                                )}
                                {can.manageMembers(user.role) && (
                                    <Button
                                        variant="contained"
                                        to={createPath({
                                            resource: 'members',
                                            type: 'list',
                                        })}
                                        label="app.dashboard.open_members"
                                    >
                                        <BadgeIcon />
                                    </Button>
                                )}
                                {can.decideCorrections(user.role) && (
                                    <Button
                                        variant="outlined"
                                        to={createPath({
                                            resource: 'corrections',
                                            type: 'list',
                                        })}
                                        label="app.dashboard.open_corrections"
                                    >
                                        <RuleIcon />
                                    </Button>
                                )}
                                {can.manageCommittees(user.role) && (
                                    <Button
                                        variant="outlined"
                                        to={createPath({
                                            resource: 'committees',
                                            type: 'list',
                                        })}
                                        label="app.dashboard.open_committees"
                                    >
                                        <AccountTreeIcon />
                                    </Button>
                                )}
                                {can.manageCommittees(user.role) &&
                                    user.committeeId != null && (
                                        <Button
                                            variant="outlined"
                                            to={createPath({
                                                resource: 'committees',
                                                id: user.committeeId,
                                                type: 'show',
                                            })}
                                            label="app.dashboard.open_my_committee"
                                        />
                                    )}
                            </Stack>
                        </Stack>
                    )}
                </CardContent>
            </Card>
        </Box>
    );
};
