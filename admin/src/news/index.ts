import NewspaperIcon from '@mui/icons-material/Newspaper';
import { NewsCreate } from './NewsCreate';
import { NewsEdit } from './NewsEdit';
import { NewsList } from './NewsList';
import { NewsShow } from './NewsShow';

const news = {
  list: NewsList,
  edit: NewsEdit,
  create: NewsCreate,
  show: NewsShow,
  icon: NewspaperIcon,
  recordRepresentation: 'title',
};

export default news;
