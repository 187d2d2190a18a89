import { viErrorMessages } from '../../admin/src/i18n/errorMessages';

/**
 * The member's message for an error code of the API (`code` of the error body). The dashboard's list
 * (admin/src/i18n/errorMessages.ts, checked against every code of the API by src/common/error-codes.spec.ts)
 * is shared; a few codes read differently to a member than to staff.
 */
const memberMessages: Record<string, string> = {
  FORBIDDEN: 'Tài khoản của bạn không được thực hiện thao tác này.',
  NOT_FOUND: 'Không tìm thấy nội dung này (có thể đã được gỡ hoặc không dành cho chi bộ của bạn).',
  VALIDATION_FAILED: 'Một số ô chưa hợp lệ, vui lòng kiểm tra lại.',
  UNAUTHORIZED: 'Phiên đăng nhập đã kết thúc; vui lòng đăng nhập lại.',
  NETWORK: 'Không kết nối được máy chủ. Hãy kiểm tra mạng (wifi hoặc 3G/4G) rồi thử lại.',
  OFFLINE_REFUSED: 'Thao tác này cần có mạng. Hãy kết nối mạng rồi thử lại.',
};

export const STATUS_MESSAGES: Record<number, string> = {
  429: 'Bạn thao tác quá nhanh; vui lòng chờ một lát rồi thử lại.',
  500: 'Máy chủ đang gặp sự cố; vui lòng thử lại sau ít phút.',
  502: 'Máy chủ đang bận; vui lòng thử lại sau ít phút.',
  503: 'Máy chủ đang bận; vui lòng thử lại sau ít phút.',
  504: 'Máy chủ trả lời quá chậm; vui lòng thử lại.',
};

export function messageForCode(code: string | undefined, status: number): string {
  if (code && memberMessages[code]) return memberMessages[code];
  if (code && Object.hasOwn(viErrorMessages, code)) return viErrorMessages[code];
  if (STATUS_MESSAGES[status]) return STATUS_MESSAGES[status];
  if (status >= 500) return STATUS_MESSAGES[500];
  return 'Không thực hiện được thao tác; vui lòng thử lại.';
}
