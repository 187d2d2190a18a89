import RuleIcon from '@mui/icons-material/Rule';
import { CorrectionList } from './CorrectionList';
import { CorrectionShow } from './CorrectionShow';

const corrections = {
  list: CorrectionList,
  show: CorrectionShow,
  icon: RuleIcon,
  recordRepresentation: 'memberName',
};

export default corrections;
