/**
 * The dashboard's message for each error code the API answers (`code` in the error body), by locale.
 * httpClient.ts shows the message of the response's code instead of the server's English sentence;
 * src/common/error-codes.spec.ts fails when a code of a module's `*.errors.ts` enum has no Vietnamese
 * message here. Keep this file free of imports: that test reads it.
 */
export const viErrorMessages: Record<string, string> = {
    FORBIDDEN: 'Vai trò của bạn không được thực hiện thao tác này.',
    NOT_FOUND: 'Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi quản lý của bạn.',
    VALIDATION_FAILED: 'Một số trường chưa hợp lệ, vui lòng kiểm tra lại.',
    PASSWORD_REUSED:
        'Mật khẩu mới phải khác mật khẩu hiện tại và 3 mật khẩu gần nhất trước đó.',
    PASSWORD_CHANGE_REQUIRED:
        'Bạn cần đổi mật khẩu được cấp tạm thời trước khi tiếp tục.',
    PARTY_CARD_TAKEN: 'Số thẻ đảng này đã thuộc về một Đảng viên khác.',
    EXTERNAL_ID_TAKEN: 'Mã định danh này đã thuộc về một Đảng viên khác.',
    MEMBER_HAS_LEFT:
        'Đảng viên đã ra khỏi danh sách đang sinh hoạt; cần đưa trở lại danh sách trước.',
    ACCOUNT_EXISTS:
        'Đảng viên này đã có tài khoản. Hãy đặt lại mật khẩu hoặc mở khóa tài khoản đó.',
    USERNAME_TAKEN: 'Tên đăng nhập này đã được dùng.',
    ROLE_NOT_GRANTABLE:
        'Không thể tạo hoặc quản lý tài khoản có phạm vi rộng hơn tài khoản của bạn.',
    OWN_ACCOUNT:
        'Vai trò, tổ chức, trạng thái và việc đặt lại mật khẩu của chính bạn do cấp trên quyết định.',
    CORRECTION_ALREADY_DECIDED: 'Yêu cầu này đã được xử lý.',
    IDENTITY_CONFLICT_DECIDED: 'Trường hợp trùng số này đã được xử lý hoặc đã được rút lại.',
    IDENTITY_DUPLICATE_HAS_ACCOUNT:
        'Hồ sơ trùng đã có tài khoản ứng dụng; hãy khóa tài khoản đó trước, hoặc giữ cả hai hồ sơ và xóa số nhập sai.',
    CORRECTION_MEMBER_MOVED:
        'Đảng viên đã chuyển sang chi bộ ngoài phạm vi của bạn; hãy từ chối yêu cầu hoặc chuyển cho chi bộ đó.',
    CORRECTION_NO_LONGER_VALID:
        'Hồ sơ đã thay đổi kể từ khi gửi yêu cầu; áp dụng bây giờ sẽ làm hồ sơ không hợp lệ.',
    IMPORT_INVALID: 'Tệp có lỗi, chưa nhập dữ liệu nào.',
    PAYLOAD_TOO_LARGE: 'Tệp quá lớn.',
    UNSUPPORTED_MEDIA_TYPE: 'Máy chủ không nhận dữ liệu ở định dạng này.',
    IMPORT_UNSUPPORTED_FILE:
        'Tệp không đúng định dạng: chỉ nhận bảng tính .xlsx hoặc tệp .csv (UTF-8).',
    IMPORT_TOO_MANY_ROWS:
        'Tệp có quá nhiều dòng (tối đa 200.000 dòng mỗi lần nhập); hãy chia thành nhiều tệp nhỏ hơn. Chưa nhập dữ liệu nào.',
    IMPORT_TOO_MANY_COLUMNS:
        'Tệp có dòng chứa quá nhiều cột; hãy xóa các cột không dùng rồi nhập lại. Chưa nhập dữ liệu nào.',
    IMPORT_CELL_TOO_LONG:
        'Tệp có ô chứa nội dung quá dài; hãy kiểm tra và rút gọn ô đó. Chưa nhập dữ liệu nào.',
    IMPORT_TOO_MUCH_DATA:
        'Tệp chứa quá nhiều dữ liệu để nhập một lần; hãy chia thành nhiều tệp nhỏ hơn. Chưa nhập dữ liệu nào.',
    IMPORT_ZIP_BOMB:
        'Tệp .xlsx bất thường: khi giải nén lớn hơn nhiều so với dung lượng tệp. Hãy mở tệp bằng Excel, lưu thành tệp .xlsx mới rồi nhập lại. Chưa nhập dữ liệu nào.',
    IMPORT_FILE_TOO_COMPLEX:
        'Cấu trúc tệp .xlsx quá phức tạp hoặc không an toàn để đọc. Hãy mở tệp bằng Excel, lưu thành tệp .xlsx mới (chỉ giữ trang danh sách) rồi nhập lại. Chưa nhập dữ liệu nào.',
    UNSUPPORTED_FILE_TYPE:
        'Tệp không được chấp nhận: chỉ nhận PDF, DOCX, PNG, JPEG hoặc WebP (loại tệp được xác định theo nội dung, không theo tên).',
    FILE_TOO_LARGE: 'Tệp vượt quá dung lượng cho phép.',
    FILE_REQUIRED: 'Hãy chọn một tệp.',
    SURVEY_HAS_RESPONSES:
        'Khảo sát đã có người trả lời: chỉ sửa được câu chữ (tiêu đề, mô tả, nội dung câu hỏi và phương án) và thời gian mở/đóng; không thêm, bớt, đổi thứ tự hay đổi loại câu hỏi, phương án, điểm, đáp án đúng. Khảo sát đã có phản hồi cũng không xóa được.',
    SURVEY_CLOSED: 'Khảo sát đã đóng: kết quả là chính thức, chỉ còn sửa được câu chữ.',
    SURVEY_NOT_DRAFT: 'Chỉ mở được khảo sát đang soạn.',
    SURVEY_NOT_OPEN: 'Chỉ đóng được khảo sát đang mở hoặc đã hẹn giờ mở.',
    SURVEY_NOT_ANSWERABLE:
        'Khảo sát chưa có câu hỏi nào để trả lời (bài kiểm tra cần ít nhất một câu hỏi lựa chọn có điểm).',
    SURVEY_WINDOW_PASSED: 'Thời điểm đóng đã qua: hãy dời thời điểm đóng về sau rồi mở lại.',
    SURVEY_PRIVACY_LOCKED:
        'Khảo sát đã mở: không đổi được chế độ ẩn danh và chế độ xem kết quả nữa (đảng viên trả lời theo điều kiện đã được thông báo).',
    SURVEY_ANONYMITY_CHANGED:
        'Chế độ ẩn danh của khảo sát khác với khi đồng chí mở ra: hãy tải lại khảo sát rồi trả lời lại. Câu trả lời chưa được lưu.',
    RESULTS_NOT_YET_VISIBLE:
        'Kết quả khảo sát này chỉ hiển thị sau khi khảo sát đóng (chế độ "Xem kết quả sau khi đóng").',
    UNANSWERED_ALREADY_HANDLED: 'Câu hỏi này đã được xử lý (đã tạo câu hỏi thường gặp hoặc đã bỏ qua).',
    MOVE_INTO_OWN_SUBTREE: 'Không thể chuyển một tổ chức vào chính nó hoặc đơn vị trực thuộc của nó.',
    MERGE_INTO_OWN_SUBTREE: 'Không thể hợp nhất một tổ chức vào chính nó hoặc đơn vị trực thuộc của nó.',
    MERGE_WIDENS_SCOPE:
        'Còn tài khoản cán bộ gắn với tổ chức bị hợp nhất; hợp nhất vào cấp trên sẽ mở rộng phạm vi của họ. Hãy chuyển các tài khoản đó trước.',
    COMMITTEE_ARCHIVED: 'Tổ chức đảng đã được hợp nhất hoặc giải thể, không nhận thay đổi.',
    COMMITTEE_NOT_EMPTY: 'Tổ chức đảng còn đơn vị trực thuộc hoặc Đảng viên.',
    CODE_TAKEN: 'Mã này đã thuộc về một tổ chức đảng khác.',
    TOO_MANY_CONCURRENT_JOBS:
        'Tài khoản của bạn đang chạy quá nhiều lượt xuất/nhập dữ liệu cùng lúc; hãy chờ một lượt xong rồi thử lại.',
    LONG_WORK_BUSY: 'Máy chủ đang bận xử lý các lượt xuất/nhập dữ liệu khác; vui lòng thử lại sau ít phút.',
    BAD_REQUEST: 'Yêu cầu không hợp lệ.',
    UNAUTHORIZED: 'Bạn cần đăng nhập.',
    METHOD_NOT_ALLOWED: 'Thao tác này không được hỗ trợ.',
    CONFLICT: 'Dữ liệu đã thay đổi hoặc xung đột với bản ghi khác; hãy tải lại rồi thử lại.',
    UNPROCESSABLE_ENTITY: 'Không xử lý được dữ liệu đã gửi.',
    TOO_MANY_REQUESTS: 'Bạn thao tác quá nhanh; vui lòng chờ một lát rồi thử lại.',
    RATE_LIMITED: 'Bạn thao tác quá nhanh; vui lòng chờ một lát rồi thử lại.',
    INTERNAL_ERROR: 'Máy chủ gặp lỗi. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống kèm mã yêu cầu.',
    SERVICE_UNAVAILABLE: 'Máy chủ tạm thời không phục vụ được; vui lòng thử lại sau ít phút.',
    REQUEST_TIMEOUT: 'Máy chủ xử lý quá lâu; vui lòng thử lại sau.',
    INVALID_LIST_QUERY: 'Bộ lọc, sắp xếp hoặc phân trang không hợp lệ.',
    INVALID_CURSOR: 'Vị trí trang không còn hợp lệ; hãy tải lại danh sách từ đầu.',
    INVALID_VALUE: 'Có giá trị sai định dạng hoặc vượt giới hạn cho phép.',
    ALREADY_EXISTS: 'Đã có bản ghi mang giá trị này.',
    RANGE_NOT_SATISFIABLE: 'Đoạn tệp được yêu cầu không tồn tại.',
    FILE_MISSING: 'Không tìm thấy tệp trong kho lưu trữ; hãy báo quản trị hệ thống.',
    IMPORT_BAD_CSV: 'Không đọc được tệp CSV (sai định dạng, ví dụ thiếu dấu ngoặc kép đóng). Chưa nhập dữ liệu nào.',
    IMPORT_EMPTY: 'Tệp rỗng. Chưa nhập dữ liệu nào.',
    IMPORT_NO_FILE: 'Hãy chọn một tệp để nhập.',
    IMPORT_TOO_LARGE: 'Tệp quá lớn để nhập một lần; hãy chia thành nhiều tệp nhỏ hơn. Chưa nhập dữ liệu nào.',
    INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    INVALID_REFRESH_TOKEN: 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.',
    REFRESH_TOKEN_REUSED: 'Phiên đăng nhập đã bị thu hồi vì lý do an toàn; vui lòng đăng nhập lại.',
    SESSION_ENDED: 'Phiên đăng nhập đã kết thúc; vui lòng đăng nhập lại.',
    SESSION_EXPIRED: 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.',
    TOO_MANY_LOGIN_ATTEMPTS: 'Đăng nhập sai quá nhiều lần; vui lòng chờ rồi thử lại.',
    TOO_MANY_DEVICES: 'Đã đăng ký tối đa số thiết bị; hãy gỡ một thiết bị trước.',
    TOO_MANY_PENDING_CORRECTIONS: 'Đã có quá nhiều yêu cầu chỉnh sửa đang chờ xử lý.',
    ALREADY_RESPONDED: 'Đồng chí đã trả lời khảo sát này.',
    SURVEY_NOT_ACCEPTING_RESPONSES: 'Khảo sát chưa mở hoặc đã đóng, không nhận câu trả lời.',
};

export const enErrorMessages: Record<string, string> = {
    FORBIDDEN: 'Your role may not do that.',
    NOT_FOUND: 'Not found, or outside the organisations you manage.',
    VALIDATION_FAILED: 'Some fields are not valid; please check them.',
    PASSWORD_REUSED:
        'The new password must differ from the current one and from the last 3 before it.',
    PASSWORD_CHANGE_REQUIRED:
        'Please replace the temporary password you were given before going on.',
    PARTY_CARD_TAKEN: 'Another member already has this party card number.',
    EXTERNAL_ID_TAKEN: 'Another member already has this external id.',
    MEMBER_HAS_LEFT:
        'The member has left the register; bring them back to the current register first.',
    ACCOUNT_EXISTS:
        'This member already has an account. Reset its password or reactivate it instead.',
    USERNAME_TAKEN: 'This username is already taken.',
    ROLE_NOT_GRANTABLE:
        'You cannot create or manage an account with more reach than your own.',
    OWN_ACCOUNT:
        'Your own role, organisation, activity and password reset are decided by someone above you.',
    CORRECTION_ALREADY_DECIDED: 'This request has already been decided.',
    IDENTITY_CONFLICT_DECIDED: 'This duplicate number has already been resolved or withdrawn.',
    IDENTITY_DUPLICATE_HAS_ACCOUNT:
        'The duplicate record has an app account; end that account first, or keep both records and clear the wrong number.',
    CORRECTION_MEMBER_MOVED:
        'The member has moved to a branch outside your scope since asking; reject the request or leave it to that branch.',
    CORRECTION_NO_LONGER_VALID:
        'The record has changed since the request; applying it now would make the record invalid.',
    IMPORT_INVALID: 'The file has problems; nothing was imported.',
    PAYLOAD_TOO_LARGE: 'The file is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'The server does not accept data in this format.',
    IMPORT_UNSUPPORTED_FILE:
        'Unsupported file: only .xlsx workbooks or UTF-8 .csv files are accepted.',
    IMPORT_TOO_MANY_ROWS:
        'The file has too many rows (at most 200,000 per import); split it into smaller files. Nothing was imported.',
    IMPORT_TOO_MANY_COLUMNS:
        'A row of the file has too many columns; delete the unused columns and try again. Nothing was imported.',
    IMPORT_CELL_TOO_LONG:
        'A cell of the file holds too much text; check and shorten it. Nothing was imported.',
    IMPORT_TOO_MUCH_DATA:
        'The file holds too much data for one import; split it into smaller files. Nothing was imported.',
    IMPORT_ZIP_BOMB:
        'Unusual .xlsx file: it unpacks to far more than its size. Open it in Excel, save it as a new .xlsx and try again. Nothing was imported.',
    IMPORT_FILE_TOO_COMPLEX:
        "The .xlsx file's structure is too complex or unsafe to read. Open it in Excel, save it as a new .xlsx (keeping only the list sheet) and try again. Nothing was imported.",
    UNSUPPORTED_FILE_TYPE:
        'File refused: only PDF, DOCX, PNG, JPEG or WebP are accepted (the type is read from the content, not the name).',
    FILE_TOO_LARGE: 'The file is larger than allowed.',
    FILE_REQUIRED: 'Choose a file.',
    SURVEY_HAS_RESPONSES:
        'The survey has answers: only its wording (title, description, question and option texts), and its opening and closing times may change; questions and options cannot be added, removed, reordered or retyped, nor points or right answers changed. A survey with answers cannot be deleted either.',
    SURVEY_CLOSED: 'The survey is closed: its results are final; only its wording may still be corrected.',
    SURVEY_NOT_DRAFT: 'Only a draft survey can be opened.',
    SURVEY_NOT_OPEN: 'Only an open (or scheduled) survey can be closed.',
    SURVEY_NOT_ANSWERABLE:
        'The survey has no question to answer (a quiz needs at least one choice question worth points).',
    SURVEY_WINDOW_PASSED: 'The closing time has passed: move it later, then open the survey.',
    SURVEY_PRIVACY_LOCKED:
        'The survey is open: its anonymity and results visibility can no longer change (members answer on the terms they were shown).',
    SURVEY_ANONYMITY_CHANGED:
        'The anonymity of this survey differs from what you were shown: reload it and answer again. Nothing was stored.',
    RESULTS_NOT_YET_VISIBLE:
        'The results of this survey are shown once it closes ("After closing" results).',
    UNANSWERED_ALREADY_HANDLED: 'This question has already been handled (turned into an entry or dismissed).',
    MOVE_INTO_OWN_SUBTREE: 'A committee cannot be moved under itself or one of its subordinates.',
    MERGE_INTO_OWN_SUBTREE: 'A committee cannot be merged into itself or one of its subordinates.',
    MERGE_WIDENS_SCOPE:
        'Staff accounts still have the merged committee as their home; merging it into a higher committee would widen their scope. Move those accounts first.',
    COMMITTEE_ARCHIVED: 'The committee has been merged or dissolved and takes no changes.',
    COMMITTEE_NOT_EMPTY: 'The committee still has subordinates or members.',
    CODE_TAKEN: 'Another committee already has this code.',
    TOO_MANY_CONCURRENT_JOBS: 'Your account is running too many exports or imports at once; wait for one to finish and try again.',
    LONG_WORK_BUSY: 'The server is busy with other exports and imports; please try again in a moment.',
    BAD_REQUEST: 'The request is not valid.',
    UNAUTHORIZED: 'Please log in.',
    METHOD_NOT_ALLOWED: 'This operation is not supported.',
    CONFLICT: 'The data changed or conflicts with another record; reload and try again.',
    UNPROCESSABLE_ENTITY: 'The data sent cannot be processed.',
    TOO_MANY_REQUESTS: 'Too many requests; please wait a moment and try again.',
    RATE_LIMITED: 'Too many requests; please wait a moment and try again.',
    INTERNAL_ERROR: 'The server failed. Try again; if it happens again, tell the administrator the request id.',
    SERVICE_UNAVAILABLE: 'The server is unavailable for a moment; please try again shortly.',
    REQUEST_TIMEOUT: 'The server took too long; please try again later.',
    INVALID_LIST_QUERY: 'The filter, sort or page is not valid.',
    INVALID_CURSOR: 'The page position is no longer valid; reload the list from the start.',
    INVALID_VALUE: 'A value is malformed or out of range.',
    ALREADY_EXISTS: 'A record with this value already exists.',
    RANGE_NOT_SATISFIABLE: 'The requested part of the file does not exist.',
    FILE_MISSING: 'The file is missing from storage; tell the administrator.',
    IMPORT_BAD_CSV: 'The CSV file cannot be read (malformed, e.g. an unclosed quote). Nothing was imported.',
    IMPORT_EMPTY: 'The file is empty. Nothing was imported.',
    IMPORT_NO_FILE: 'Choose a file to import.',
    IMPORT_TOO_LARGE: 'The file is too large to import at once; split it. Nothing was imported.',
    INVALID_CREDENTIALS: 'Wrong username or password.',
    INVALID_REFRESH_TOKEN: 'Your session has expired; please log in again.',
    REFRESH_TOKEN_REUSED: 'Your session was revoked for safety; please log in again.',
    SESSION_ENDED: 'Your session has ended; please log in again.',
    SESSION_EXPIRED: 'Your session has expired; please log in again.',
    TOO_MANY_LOGIN_ATTEMPTS: 'Too many failed logins; please wait and try again.',
    TOO_MANY_DEVICES: 'The maximum number of devices is registered; remove one first.',
    TOO_MANY_PENDING_CORRECTIONS: 'Too many correction requests are waiting for a decision.',
    ALREADY_RESPONDED: 'You have already answered this survey.',
    SURVEY_NOT_ACCEPTING_RESPONSES: 'The survey is not open, so it takes no answers.',
};
