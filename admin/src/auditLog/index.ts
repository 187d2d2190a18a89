import HistoryIcon from '@mui/icons-material/History';
import { AuditLogList } from './AuditLogList';

const auditLog = {
  list: AuditLogList,
  icon: HistoryIcon,
};

export default auditLog;
