import PollIcon from '@mui/icons-material/Poll';
import { SurveyCreate } from './SurveyCreate';
import { SurveyEdit } from './SurveyEdit';
import { SurveyList } from './SurveyList';
import { SurveyShow } from './SurveyShow';

const surveys = {
  list: SurveyList,
  edit: SurveyEdit,
  create: SurveyCreate,
  show: SurveyShow,
  icon: PollIcon,
  recordRepresentation: 'title',
};

export default surveys;
