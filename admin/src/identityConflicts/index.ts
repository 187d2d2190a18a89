import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { IdentityConflictList } from './IdentityConflictList';

/**
 * Duplicate identity numbers (party card numbers, external ids) held by two
 * records in different branches: the branch that entered the second one was
 * answered as if the number were free (it must not learn who holds it), and
 * the lowest committee covering both records verifies it here.
 */
const identityConflicts = {
  list: IdentityConflictList,
  icon: ContentCopyIcon,
  recordRepresentation: 'value',
};

export default identityConflicts;
