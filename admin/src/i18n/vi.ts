import type { TranslationMessages } from 'react-admin';
import raVietnamese from './raVietnamese';

/** Vietnamese (default locale): react-admin's own messages plus the app's. */
const vi: TranslationMessages = {
    ...raVietnamese,
    app: {
        title: 'Sổ tay Đảng viên điện tử',
        subtitle: 'Trang quản trị dành cho cán bộ',
        locale: 'Ngôn ngữ',
        auth: {
            invalid_credentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
            too_many_attempts:
                'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %{seconds} giây.',
            too_many_attempts_no_delay:
                'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
            member_refused:
                'Tài khoản Đảng viên không dùng trang quản trị. Vui lòng sử dụng ứng dụng Sổ tay Đảng viên điện tử trên điện thoại.',
            server_unreachable:
                'Không kết nối được tới máy chủ. Vui lòng thử lại sau.',
            unexpected_response: 'Máy chủ trả lời không đúng định dạng.',
        },
        roles: {
            admin: 'Quản trị hệ thống',
            committee_admin: 'Quản trị cấp ủy',
            secretary: 'Bí thư',
            editor: 'Biên tập viên',
            member: 'Đảng viên',
        },
        dashboard: {
            title: 'Trang chủ',
            welcome: 'Xin chào, %{name}!',
            intro: 'Đây là trang quản trị Sổ tay Đảng viên điện tử dành cho cán bộ các cấp ủy, tổ chức đảng.',
            account: 'Thông tin tài khoản',
            full_name: 'Họ và tên',
            username: 'Tên đăng nhập',
            role: 'Vai trò',
            committee: 'Tổ chức đảng',
            no_committee: 'Chưa gắn với tổ chức đảng nào',
            must_change_password:
                'Bạn đang dùng mật khẩu được cấp tạm thời. Vui lòng đổi mật khẩu để bảo vệ tài khoản.',
            load_error: 'Không tải được thông tin tài khoản.',
            open_committees: 'Quản lý tổ chức đảng',
            open_my_committee: 'Xem tổ chức đảng của tôi',
        },
    },
    resources: {
        committees: {
            name: 'Tổ chức đảng |||| Tổ chức đảng',
            fields: {
                id: 'ID',
                name: 'Tên tổ chức đảng',
                code: 'Mã',
                kind: 'Loại tổ chức',
                parentId: 'Trực thuộc',
                path: 'Đường dẫn trong cây',
                depth: 'Cấp',
                childCount: 'Số đơn vị trực thuộc',
                phase: 'Giai đoạn triển khai',
                phaseStartedAt: 'Ngày bắt đầu giai đoạn',
                targetInstallRate: 'Tỷ lệ cài đặt mục tiêu',
                createdAt: 'Ngày tạo',
                updatedAt: 'Cập nhật lần cuối',
                q: 'Tìm theo tên hoặc mã',
            },
            kinds: {
                central: 'Trung ương',
                province: 'Tỉnh ủy/Thành ủy',
                subordinate: 'Đảng bộ trực thuộc',
                grassroots: 'Tổ chức cơ sở đảng',
                branch: 'Chi bộ',
            },
            phases: {
                not_started: 'Chưa triển khai',
                trial: 'Thử nghiệm',
                pilot: 'Thí điểm',
                live: 'Triển khai chính thức',
                on_hold: 'Tạm dừng',
            },
            helpers: {
                parentId: 'Để trống nếu là tổ chức cấp cao nhất. Đổi cấp trên sẽ chuyển cả các đơn vị trực thuộc.',
                targetInstallRate: 'Tính theo phần trăm (0–100).',
                code: 'Mã duy nhất, không trùng với tổ chức khác.',
            },
            sections: {
                general: 'Thông tin chung',
                rollout: 'Triển khai ứng dụng',
                tree: 'Vị trí trong cây tổ chức',
                children: 'Các đơn vị trực thuộc',
            },
            root: 'Cấp cao nhất',
            no_children: 'Không có đơn vị trực thuộc.',
            view_children: 'Xem %{smart_count} đơn vị trực thuộc |||| Xem %{smart_count} đơn vị trực thuộc',
            add_child: 'Thêm đơn vị trực thuộc',
            percent_unit: '%',
        },
    },
};

export default vi;
