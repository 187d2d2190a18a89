import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { CommitteeCreate } from './CommitteeCreate';
import { CommitteeEdit } from './CommitteeEdit';
import { CommitteeList } from './CommitteeList';
import { CommitteeShow } from './CommitteeShow';

const committees = {
  list: CommitteeList,
  edit: CommitteeEdit,
  create: CommitteeCreate,
  show: CommitteeShow,
  icon: AccountTreeIcon,
  recordRepresentation: 'name',
};

export default committees;
