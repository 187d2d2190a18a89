import SchoolIcon from '@mui/icons-material/School';
import { TrainingCreate } from './TrainingCreate';
import { TrainingEdit } from './TrainingEdit';
import { TrainingList } from './TrainingList';

const trainings = {
  list: TrainingList,
  edit: TrainingEdit,
  create: TrainingCreate,
  icon: SchoolIcon,
  recordRepresentation: 'topic',
};

export default trainings;
