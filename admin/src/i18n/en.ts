import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';

/** English (second locale): react-admin's own messages plus the app's. */
const en: TranslationMessages = {
    ...englishMessages,
    app: {
        // The product's name stays Vietnamese in every locale.
        title: 'Sổ tay Đảng viên điện tử',
        subtitle: 'Electronic Party Member Handbook · Staff dashboard',
        locale: 'Language',
        auth: {
            invalid_credentials: 'Wrong username or password.',
            too_many_attempts:
                'Too many failed sign-in attempts. Please try again in %{seconds} seconds.',
            too_many_attempts_no_delay:
                'Too many failed sign-in attempts. Please try again in a few minutes.',
            member_refused:
                'Party member accounts cannot use the dashboard. Please use the Electronic Party Member Handbook mobile app.',
            server_unreachable:
                'Cannot reach the server. Please try again later.',
            unexpected_response: 'The server sent an unexpected response.',
        },
        roles: {
            admin: 'System administrator',
            committee_admin: 'Committee administrator',
            secretary: 'Secretary',
            editor: 'Editor',
            member: 'Party member',
        },
        dashboard: {
            title: 'Home',
            welcome: 'Welcome, %{name}!',
            intro: 'This is the administration site of the Electronic Party Member Handbook, for the staff of Party committees and organisations.',
            account: 'Your account',
            full_name: 'Full name',
            username: 'Username',
            role: 'Role',
            committee: 'Party organisation',
            no_committee: 'Not attached to any Party organisation',
            must_change_password:
                'You are using a temporary password. Please change it to protect your account.',
            load_error: 'Could not load your account details.',
            open_committees: 'Manage Party organisations',
            open_my_committee: 'View my Party organisation',
        },
    },
    resources: {
        committees: {
            name: 'Party organisation |||| Party organisations',
            fields: {
                id: 'ID',
                name: 'Name',
                code: 'Code',
                kind: 'Kind',
                parentId: 'Parent organisation',
                path: 'Tree path',
                depth: 'Depth',
                childCount: 'Direct subordinates',
                phase: 'Rollout phase',
                phaseStartedAt: 'Phase started on',
                targetInstallRate: 'Target install rate',
                createdAt: 'Created at',
                updatedAt: 'Last updated',
                q: 'Search by name or code',
            },
            kinds: {
                central: 'Central',
                province: 'Provincial/City Party Committee',
                subordinate: 'Subordinate Party Committee',
                grassroots: 'Grassroots Party organisation',
                branch: 'Party cell',
            },
            phases: {
                not_started: 'Not started',
                trial: 'Trial',
                pilot: 'Pilot',
                live: 'Live',
                on_hold: 'On hold',
            },
            helpers: {
                parentId: 'Leave empty for a top-level organisation. Changing the parent moves the whole subtree.',
                targetInstallRate: 'As a percentage (0–100).',
                code: 'Unique code, not shared with any other organisation.',
            },
            sections: {
                general: 'General',
                rollout: 'App rollout',
                tree: 'Position in the tree',
                children: 'Direct subordinates',
            },
            root: 'Top level',
            no_children: 'No subordinate organisations.',
            view_children: 'View %{smart_count} subordinate |||| View %{smart_count} subordinates',
            add_child: 'Add a subordinate',
            percent_unit: '%',
        },
    },
};

export default en;
