import AddIcon from '@mui/icons-material/Add';
import CallMergeIcon from '@mui/icons-material/CallMerge';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import EditIcon from '@mui/icons-material/Edit';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ListIcon from '@mui/icons-material/List';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  Box,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  IconButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Stack,
  Typography,
} from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Title, useCreatePath, useGetList, useGetOne, useTranslate } from 'react-admin';
import { homeCommitteeId } from '../documents/content';
import type { Committee } from '../types';
import { CHILD_KIND, PHASE_COLORS } from './choices';
import { MergeCommitteeDialog, MoveCommitteeDialog } from './CommitteeTreeDialogs';

/** Children are fetched when a node opens; this many at most per node. */
const CHILDREN_PAGE = 500;

interface TreeActions {
  expanded: Set<number>;
  toggle: (id: number) => void;
  move: (committee: Committee) => void;
  merge: (committee: Committee) => void;
}

const NodeMenu = ({ committee, isRoot, actions }: { committee: Committee; isRoot: boolean; actions: TreeActions }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  const go = (to: string) => {
    close();
    navigate(to);
  };
  const childDefaults = encodeURIComponent(JSON.stringify({ parentId: committee.id, kind: CHILD_KIND[committee.kind] }));
  return (
    <>
      <IconButton
        size="small"
        aria-label={translate('resources.committees.tree.actions', {
          name: committee.name,
        })}
        onClick={(event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu anchorEl={anchor} open={anchor != null} onClose={close}>
        <MenuItem onClick={() => go(createPath({ resource: 'committees', id: committee.id, type: 'show' }))}>
          <ListItemIcon>
            <VisibilityIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{translate('ra.action.show')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={() => go(createPath({ resource: 'committees', id: committee.id, type: 'edit' }))}>
          <ListItemIcon>
            <EditIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{translate('ra.action.edit')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={() => go(`/committees/create?source=${childDefaults}`)}>
          <ListItemIcon>
            <AddIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{translate('resources.committees.add_child')}</ListItemText>
        </MenuItem>
        {!isRoot && (
          <MenuItem
            onClick={() => {
              close();
              actions.move(committee);
            }}
          >
            <ListItemIcon>
              <DriveFileMoveIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{translate('resources.committees.tree.move.button')}</ListItemText>
          </MenuItem>
        )}
        {!isRoot && (
          <MenuItem
            onClick={() => {
              close();
              actions.merge(committee);
            }}
          >
            <ListItemIcon>
              <CallMergeIcon fontSize="small" color="error" />
            </ListItemIcon>
            <ListItemText>{translate('resources.committees.tree.merge.button')}</ListItemText>
          </MenuItem>
        )}
      </Menu>
    </>
  );
};

const NodeChildren = ({ parentId, depth, actions }: { parentId: number; depth: number; actions: TreeActions }) => {
  const translate = useTranslate();
  const { data, total, isPending, error } = useGetList<Committee>('committees', {
    filter: { parentId },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: CHILDREN_PAGE },
  });
  if (isPending) {
    return (
      <Box sx={{ pl: depth * 3 + 5, py: 0.5 }}>
        <CircularProgress size={16} />
      </Box>
    );
  }
  if (error) {
    return (
      <Typography variant="body2" color="error" sx={{ pl: depth * 3 + 5 }}>
        {translate('ra.notification.http_error')}
      </Typography>
    );
  }
  return (
    <Box component="ul" role="group" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {(data ?? []).map((child) => (
        <TreeNode key={child.id} committee={child} depth={depth} actions={actions} />
      ))}
      {total != null && total > CHILDREN_PAGE && (
        <Typography variant="caption" color="text.secondary" sx={{ pl: depth * 3 + 5 }}>
          {translate('resources.committees.tree.more', {
            shown: CHILDREN_PAGE,
            total,
          })}
        </Typography>
      )}
    </Box>
  );
};

const TreeNode = ({
  committee,
  depth,
  actions,
  isRoot = false,
}: {
  committee: Committee;
  depth: number;
  actions: TreeActions;
  isRoot?: boolean;
}) => {
  const translate = useTranslate();
  const open = actions.expanded.has(committee.id);
  const hasChildren = committee.childCount > 0;
  return (
    <Box component="li" role="treeitem" aria-expanded={hasChildren ? open : undefined}>
      <Stack
        direction="row"
        spacing={1}
        sx={{
          pl: depth * 3,
          py: 0.25,
          borderRadius: 1,
          alignItems: 'center',
          '&:hover': { bgcolor: 'action.hover' },
        }}
        data-testid={`tree-node-${committee.id}`}
      >
        <IconButton
          size="small"
          disabled={!hasChildren}
          onClick={() => actions.toggle(committee.id)}
          aria-label={translate(open ? 'resources.committees.tree.collapse' : 'resources.committees.tree.expand', { name: committee.name })}
          sx={{ visibility: hasChildren ? 'visible' : 'hidden' }}
        >
          {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
        </IconButton>
        <Typography
          variant="body2"
          sx={{ fontWeight: isRoot || hasChildren ? 600 : 400, cursor: hasChildren ? 'pointer' : 'default' }}
          onClick={() => hasChildren && actions.toggle(committee.id)}
        >
          {committee.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {committee.code}
        </Typography>
        <Chip size="small" variant="outlined" label={translate(`resources.committees.kinds.${committee.kind}`)} />
        <Chip
          size="small"
          color={PHASE_COLORS[committee.phase] ?? 'default'}
          label={translate(`resources.committees.phases.${committee.phase}`)}
        />
        {hasChildren && (
          <Typography variant="caption" color="text.secondary">
            {translate('resources.committees.tree.children_count', {
              smart_count: committee.childCount,
            })}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <NodeMenu committee={committee} isRoot={isRoot} actions={actions} />
      </Stack>
      {open && hasChildren && <NodeChildren parentId={committee.id} depth={depth + 1} actions={actions} />}
    </Box>
  );
};

/** The caller's home committee, or for an admin of the whole tree its roots. */
const Roots = ({ actions }: { actions: TreeActions }) => {
  const home = homeCommitteeId();
  const { data: homeCommittee, isPending: homePending } = useGetOne<Committee>('committees', { id: home ?? 0 }, { enabled: home != null });
  const { data: roots, isPending: rootsPending } = useGetList<Committee>(
    'committees',
    {
      filter: { parentId: null },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: home == null },
  );
  const pending = home != null ? homePending : rootsPending;
  if (pending) return <CircularProgress size={24} />;
  const list = home != null ? (homeCommittee ? [homeCommittee] : []) : (roots ?? []);
  return (
    <Box component="ul" role="tree" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {list.map((root) => (
        <TreeNode key={root.id} committee={root} depth={0} actions={actions} isRoot />
      ))}
    </Box>
  );
};

/**
 * Committees as an expandable tree: children load when a node opens
 * (GET /committees?filter={"parentId":X}); each node can be moved under
 * another parent or merged into another committee.
 */
export const CommitteeTreePage = () => {
  const translate = useTranslate();
  const home = homeCommitteeId();
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(home != null ? [home] : []));
  const [moving, setMoving] = useState<Committee | null>(null);
  const [merging, setMerging] = useState<Committee | null>(null);
  const actions: TreeActions = {
    expanded,
    toggle: (id) =>
      setExpanded((previous) => {
        const next = new Set(previous);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    move: setMoving,
    merge: setMerging,
  };
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="resources.committees.tree.title" />
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ mb: 1, alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {translate('resources.committees.tree.intro')}
            </Typography>
            <Button component={Link} to="/committees" label="resources.committees.tree.to_list">
              <ListIcon />
            </Button>
          </Stack>
          <Roots actions={actions} />
        </CardContent>
      </Card>
      {moving && <MoveCommitteeDialog committee={moving} onClose={() => setMoving(null)} />}
      {merging && <MergeCommitteeDialog committee={merging} onClose={() => setMerging(null)} />}
    </Box>
  );
};
