import type { TranslationMessages } from 'react-admin';

/**
 * Vietnamese messages for react-admin's built-in UI (the `ra.*` namespace).
 *
 * There is no maintained react-admin 5 Vietnamese package on npm
 * (`ra-language-vietnamese` stops at react-admin 3 and lacks most keys), so this
 * file carries the complete set, key for key, from `ra-language-english` 5.15.
 *
 * Polyglot does not know Vietnamese plural rules and falls back to the English
 * ones, so strings that use `smart_count` keep the `singular |||| plural` form.
 */
const raVietnamese: TranslationMessages = {
    ra: {
        action: {
            add_filter: 'Thêm bộ lọc',
            add: 'Thêm',
            back: 'Quay lại',
            bulk_actions: 'Đã chọn 1 mục |||| Đã chọn %{smart_count} mục',
            cancel: 'Hủy',
            clear_array_input: 'Xóa toàn bộ danh sách',
            clear_input_value: 'Xóa giá trị',
            clone: 'Nhân bản',
            confirm: 'Xác nhận',
            create: 'Thêm mới',
            create_item: 'Thêm %{item}',
            delete: 'Xóa',
            edit: 'Sửa',
            export: 'Xuất dữ liệu',
            list: 'Danh sách',
            refresh: 'Làm mới',
            remove_filter: 'Bỏ bộ lọc này',
            remove_all_filters: 'Bỏ tất cả bộ lọc',
            remove: 'Gỡ bỏ',
            reset: 'Đặt lại',
            save: 'Lưu',
            search: 'Tìm kiếm',
            search_columns: 'Tìm cột',
            select_all: 'Chọn tất cả',
            select_all_button: 'Chọn tất cả',
            select_row: 'Chọn dòng này',
            show: 'Xem',
            sort: 'Sắp xếp',
            undo: 'Hoàn tác',
            unselect: 'Bỏ chọn',
            expand: 'Mở rộng',
            close: 'Đóng',
            open_menu: 'Mở menu',
            close_menu: 'Đóng menu',
            update: 'Cập nhật',
            move_up: 'Chuyển lên',
            move_down: 'Chuyển xuống',
            open: 'Mở',
            toggle_theme: 'Chuyển giao diện sáng/tối',
            select_columns: 'Cột',
            update_application: 'Tải lại ứng dụng',
        },
        boolean: {
            true: 'Có',
            false: 'Không',
            null: ' ',
        },
        page: {
            create: 'Thêm %{name}',
            dashboard: 'Trang chủ',
            edit: '%{name} %{recordRepresentation}',
            error: 'Đã xảy ra lỗi',
            list: '%{name}',
            loading: 'Đang tải',
            not_found: 'Không tìm thấy',
            show: '%{name} %{recordRepresentation}',
            empty: 'Chưa có %{name}.',
            invite: 'Bạn có muốn thêm mới không?',
            access_denied: 'Không có quyền truy cập',
            authentication_error: 'Lỗi xác thực',
        },
        input: {
            file: {
                upload_several:
                    'Kéo thả các tệp vào đây để tải lên, hoặc bấm để chọn tệp.',
                upload_single:
                    'Kéo thả một tệp vào đây để tải lên, hoặc bấm để chọn tệp.',
            },
            image: {
                upload_several:
                    'Kéo thả các ảnh vào đây để tải lên, hoặc bấm để chọn ảnh.',
                upload_single:
                    'Kéo thả một ảnh vào đây để tải lên, hoặc bấm để chọn ảnh.',
            },
            references: {
                all_missing: 'Không tìm thấy dữ liệu liên kết.',
                many_missing:
                    'Có ít nhất một mục liên kết không còn tồn tại.',
                single_missing: 'Mục liên kết không còn tồn tại.',
            },
            password: {
                toggle_visible: 'Ẩn mật khẩu',
                toggle_hidden: 'Hiện mật khẩu',
            },
        },
        message: {
            about: 'Giới thiệu',
            access_denied: 'Bạn không có quyền truy cập trang này',
            are_you_sure: 'Bạn có chắc chắn không?',
            authentication_error:
                'Máy chủ xác thực báo lỗi, không kiểm tra được thông tin đăng nhập của bạn.',
            auth_error: 'Đã xảy ra lỗi khi kiểm tra mã xác thực.',
            bulk_delete_content:
                'Bạn có chắc chắn muốn xóa %{name} này? |||| Bạn có chắc chắn muốn xóa %{smart_count} mục này?',
            bulk_delete_title:
                'Xóa %{name} |||| Xóa %{smart_count} %{name}',
            bulk_update_content:
                'Bạn có chắc chắn muốn cập nhật %{name} %{recordRepresentation}? |||| Bạn có chắc chắn muốn cập nhật %{smart_count} mục này?',
            bulk_update_title:
                'Cập nhật %{name} %{recordRepresentation} |||| Cập nhật %{smart_count} %{name}',
            clear_array_input:
                'Bạn có chắc chắn muốn xóa toàn bộ danh sách?',
            delete_content: 'Bạn có chắc chắn muốn xóa %{name} này?',
            delete_title: 'Xóa %{name} %{recordRepresentation}',
            details: 'Chi tiết',
            error: 'Đã xảy ra lỗi phía trình duyệt, không thể hoàn tất yêu cầu.',
            invalid_form: 'Biểu mẫu chưa hợp lệ. Vui lòng kiểm tra các lỗi.',
            loading: 'Vui lòng chờ',
            no: 'Không',
            not_found:
                'Địa chỉ bạn nhập không đúng, hoặc bạn đã theo một liên kết hỏng.',
            select_all_limit_reached:
                'Có quá nhiều mục để chọn hết. Chỉ %{max} mục đầu tiên được chọn.',
            unsaved_changes:
                'Một số thay đổi của bạn chưa được lưu. Bạn có chắc chắn muốn bỏ qua?',
            yes: 'Có',
            placeholder_data_warning:
                'Lỗi mạng: không làm mới được dữ liệu.',
        },
        navigation: {
            clear_filters: 'Xóa bộ lọc',
            no_filtered_results:
                'Không tìm thấy %{name} nào phù hợp với bộ lọc hiện tại.',
            no_results: 'Không tìm thấy %{name} nào',
            no_more_results:
                'Trang số %{page} nằm ngoài phạm vi. Hãy thử trang trước.',
            page_out_of_boundaries: 'Trang số %{page} nằm ngoài phạm vi',
            page_out_from_end: 'Đây đã là trang cuối',
            page_out_from_begin: 'Không có trang nào trước trang 1',
            page_range_info: '%{offsetBegin}-%{offsetEnd} trên %{total}',
            partial_page_range_info:
                '%{offsetBegin}-%{offsetEnd} trên hơn %{offsetEnd}',
            current_page: 'Trang %{page}',
            page: 'Đến trang %{page}',
            first: 'Đến trang đầu',
            last: 'Đến trang cuối',
            next: 'Đến trang sau',
            previous: 'Đến trang trước',
            page_rows_per_page: 'Số dòng mỗi trang:',
            skip_nav: 'Bỏ qua, đến nội dung',
        },
        sort: {
            sort_by: 'Sắp xếp theo %{field_lower_first} %{order}',
            ASC: 'tăng dần',
            DESC: 'giảm dần',
        },
        auth: {
            auth_check_error: 'Vui lòng đăng nhập để tiếp tục',
            user_menu: 'Tài khoản',
            username: 'Tên đăng nhập',
            password: 'Mật khẩu',
            email: 'Email',
            sign_in: 'Đăng nhập',
            sign_in_error: 'Đăng nhập không thành công, vui lòng thử lại',
            logout: 'Đăng xuất',
        },
        notification: {
            updated: 'Đã cập nhật |||| Đã cập nhật %{smart_count} mục',
            created: 'Đã thêm mới',
            deleted: 'Đã xóa |||| Đã xóa %{smart_count} mục',
            bad_item: 'Mục không hợp lệ',
            item_doesnt_exist: 'Mục không tồn tại',
            http_error: 'Lỗi kết nối tới máy chủ',
            data_provider_error:
                'Lỗi dataProvider. Xem chi tiết trong console.',
            i18n_error: 'Không tải được bản dịch cho ngôn ngữ đã chọn',
            canceled: 'Đã hủy thao tác',
            logged_out: 'Phiên làm việc đã kết thúc, vui lòng đăng nhập lại.',
            not_authorized: 'Bạn không có quyền truy cập dữ liệu này.',
            application_update_available: 'Đã có phiên bản mới.',
            offline: 'Mất kết nối mạng. Không tải được dữ liệu.',
        },
        validation: {
            required: 'Bắt buộc nhập',
            minLength: 'Phải có ít nhất %{min} ký tự',
            maxLength: 'Không được quá %{max} ký tự',
            minValue: 'Phải lớn hơn hoặc bằng %{min}',
            maxValue: 'Phải nhỏ hơn hoặc bằng %{max}',
            number: 'Phải là một số',
            email: 'Phải là địa chỉ email hợp lệ',
            oneOf: 'Phải là một trong các giá trị: %{options}',
            regex: 'Phải đúng định dạng (biểu thức chính quy): %{pattern}',
            unique: 'Giá trị này đã tồn tại',
        },
        saved_queries: {
            label: 'Truy vấn đã lưu',
            query_name: 'Tên truy vấn',
            new_label: 'Lưu truy vấn hiện tại...',
            new_dialog_title: 'Lưu truy vấn hiện tại với tên',
            remove_label: 'Xóa truy vấn đã lưu',
            remove_label_with_name: 'Xóa truy vấn "%{name}"',
            remove_dialog_title: 'Xóa truy vấn đã lưu?',
            remove_message:
                'Bạn có chắc chắn muốn xóa mục này khỏi danh sách truy vấn đã lưu?',
            help: 'Lọc danh sách và lưu truy vấn này để dùng sau',
        },
        guesser: {
            empty: {
                title: 'Không có dữ liệu để hiển thị',
                message: 'Vui lòng kiểm tra dataProvider',
            },
        },
        configurable: {
            customize: 'Tùy chỉnh',
            configureMode: 'Cấu hình trang này',
            inspector: {
                title: 'Trình kiểm tra',
                content: 'Di chuột lên các thành phần giao diện để cấu hình',
                reset: 'Đặt lại cấu hình',
                hideAll: 'Ẩn tất cả',
                showAll: 'Hiện tất cả',
            },
            Datagrid: {
                title: 'Bảng dữ liệu',
                unlabeled: 'Cột chưa đặt tên #%{column}',
            },
            SimpleForm: {
                title: 'Biểu mẫu',
                unlabeled: 'Ô nhập chưa đặt tên #%{input}',
            },
            SimpleList: {
                title: 'Danh sách',
                primaryText: 'Dòng chính',
                secondaryText: 'Dòng phụ',
                tertiaryText: 'Dòng thứ ba',
            },
        },
    },
};

export default raVietnamese;
