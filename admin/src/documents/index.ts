import DescriptionIcon from '@mui/icons-material/Description';
import { DocumentCreate } from './DocumentCreate';
import { DocumentEdit } from './DocumentEdit';
import { DocumentList } from './DocumentList';
import { DocumentShow } from './DocumentShow';

const documents = {
  list: DocumentList,
  edit: DocumentEdit,
  create: DocumentCreate,
  show: DocumentShow,
  icon: DescriptionIcon,
  recordRepresentation: 'title',
};

export default documents;
