import TipsAndUpdatesIcon from '@mui/icons-material/TipsAndUpdates';
import { GuidanceCreate, GuidanceEdit, GuidanceList, GuidanceShow } from './GuidanceViews';

/** The month's guidance for branch meetings (định hướng nội dung sinh hoạt chi bộ). */
export const meetingGuidance = {
  list: GuidanceList,
  show: GuidanceShow,
  edit: GuidanceEdit,
  create: GuidanceCreate,
  icon: TipsAndUpdatesIcon,
  recordRepresentation: 'title',
};

/** A secretary reads the guidance of their chain (to adopt it), and writes none. */
export const meetingGuidanceReadOnly = {
  list: GuidanceList,
  show: GuidanceShow,
  icon: TipsAndUpdatesIcon,
  recordRepresentation: 'title',
};
