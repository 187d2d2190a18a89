import CampaignIcon from '@mui/icons-material/Campaign';
import { BulletinCreate } from './BulletinCreate';
import { BulletinList } from './BulletinList';
import { BulletinShow } from './BulletinShow';

/** Bulletins (thông báo): staff notify every member of a committee subtree, now or at a set time. */
const bulletins = {
  list: BulletinList,
  create: BulletinCreate,
  show: BulletinShow,
  icon: CampaignIcon,
  recordRepresentation: 'title',
};

export default bulletins;
