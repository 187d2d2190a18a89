import BadgeIcon from '@mui/icons-material/Badge';
import { MemberCreate } from './MemberCreate';
import { MemberEdit } from './MemberEdit';
import { MemberList } from './MemberList';
import { MemberShow } from './MemberShow';

const members = {
  list: MemberList,
  edit: MemberEdit,
  create: MemberCreate,
  show: MemberShow,
  icon: BadgeIcon,
  recordRepresentation: 'fullName',
};

export default members;
