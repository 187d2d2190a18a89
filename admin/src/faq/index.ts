import LiveHelpIcon from '@mui/icons-material/LiveHelp';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import { FaqCreate } from './FaqCreate';
import { FaqEdit } from './FaqEdit';
import { FaqList } from './FaqList';
import { UnansweredList } from './UnansweredList';

export const faqs = {
  list: FaqList,
  edit: FaqEdit,
  create: FaqCreate,
  icon: LiveHelpIcon,
  recordRepresentation: 'question',
};

/** Resource `unanswered-questions`: GET /faqs/unanswered (dataProvider maps it). */
export const unansweredQuestions = {
  list: UnansweredList,
  icon: MoveToInboxIcon,
  recordRepresentation: 'text',
};
