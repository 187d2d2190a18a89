import GroupsIcon from '@mui/icons-material/Groups';
import { MeetingCreate } from './MeetingCreate';
import { MeetingEdit } from './MeetingEdit';
import { MeetingList } from './MeetingList';
import { MeetingShow } from './MeetingShow';

/** Branch meetings (sinh hoạt chi bộ), issue 16; the run and minutes pages are routes of App.tsx. */
const meetings = {
  list: MeetingList,
  edit: MeetingEdit,
  create: MeetingCreate,
  show: MeetingShow,
  icon: GroupsIcon,
  recordRepresentation: 'title',
};

export default meetings;
