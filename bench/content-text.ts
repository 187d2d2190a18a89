/**
 * Words the dataset is written with: Vietnamese names (family names weighted as in the population)
 * and the topics of Party documents and news. Illustrative; every member is fictitious.
 */

/** 100 slots: a family name's share of the population is its share of the slots. */
export const FAMILY_NAMES: string[] = [
  ...Array(38).fill('Nguyễn'),
  ...Array(11).fill('Trần'),
  ...Array(10).fill('Lê'),
  ...Array(7).fill('Phạm'),
  ...Array(5).fill('Hoàng'),
  ...Array(3).fill('Huỳnh'),
  ...Array(4).fill('Vũ'),
  ...Array(3).fill('Phan'),
  ...Array(3).fill('Võ'),
  ...Array(2).fill('Đặng'),
  ...Array(3).fill('Bùi'),
  ...Array(3).fill('Đỗ'),
  ...Array(2).fill('Hồ'),
  ...Array(2).fill('Ngô'),
  ...Array(2).fill('Dương'),
  ...Array(2).fill('Lý'),
];
export const MIDDLE_MALE = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Xuân', 'Công', 'Thanh', 'Ngọc', 'Duy', 'Mạnh', 'Tiến'];
export const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Hồng', 'Phương', 'Thúy', 'Bích'];
export const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Trung', 'Tuấn',
  'Việt', 'Hòa', 'Đạt', 'Hiếu', 'Thành', 'Tùng', 'Kiên', 'Lâm', 'Đông', 'Huy', 'Phúc', 'Toàn', 'Vinh', 'Quyết',
];
export const GIVEN_FEMALE = [
  'Anh', 'Chi', 'Dung', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo',
  'Trang', 'Vân', 'Yến', 'Hằng', 'Huyền', 'Loan', 'Nga', 'Thủy', 'Tâm', 'Giang', 'Liên', 'Xuân', 'Hiền', 'Thư',
];

/** What Party documents and news are about (the phrase follows "về" in a title). */
export const TOPICS = [
  'đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
  'tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị',
  'nâng cao chất lượng sinh hoạt chi bộ',
  'công tác phát triển đảng viên',
  'đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả',
  'tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'công tác kiểm tra, giám sát và kỷ luật của Đảng',
  'thu, nộp, quản lý và sử dụng đảng phí',
  'hội nhập quốc tế trong tình hình mới',
  'phát triển kinh tế tư nhân',
  'đổi mới công tác xây dựng và thi hành pháp luật',
  'đột phá phát triển giáo dục và đào tạo',
  'tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân',
  'công tác phòng, chống tham nhũng, lãng phí, tiêu cực',
  'bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch',
  'công tác dân vận trong tình hình mới',
  'xây dựng nông thôn mới gắn với đô thị văn minh',
  'bảo đảm an ninh năng lượng quốc gia',
  'phát triển văn hóa, con người Việt Nam',
  'công tác cán bộ và đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên',
  'thực hiện Cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam"',
  'ứng dụng Sổ tay đảng viên điện tử trong sinh hoạt chi bộ',
  'chuẩn bị và tổ chức đại hội đảng bộ các cấp',
  'quốc phòng toàn dân và thế trận an ninh nhân dân',
  'phát triển kinh tế biển bền vững',
  'bảo vệ môi trường và ứng phó với biến đổi khí hậu',
  'chuyển đổi số trong các cơ quan Đảng',
  'thực hành tiết kiệm, chống lãng phí',
  'nâng cao chất lượng đội ngũ cán bộ cơ sở',
  'chăm lo đời sống đồng bào dân tộc thiểu số và miền núi',
];

/** The tag a document of each topic gets (same order as TOPICS). */
export const TOPIC_TAGS = [
  'khoa học công nghệ', 'xây dựng Đảng', 'sinh hoạt chi bộ', 'phát triển đảng viên', 'tổ chức bộ máy', 'học tập và làm theo Bác',
  'kiểm tra giám sát', 'đảng phí', 'hội nhập quốc tế', 'kinh tế tư nhân', 'pháp luật', 'giáo dục', 'y tế', 'phòng chống tham nhũng',
  'bảo vệ nền tảng tư tưởng', 'dân vận', 'nông thôn mới', 'năng lượng', 'văn hóa', 'công tác cán bộ', 'hàng Việt', 'chuyển đổi số',
  'đại hội đảng', 'quốc phòng an ninh', 'kinh tế biển', 'môi trường', 'chuyển đổi số', 'tiết kiệm', 'cán bộ cơ sở', 'dân tộc miền núi',
];

/** [document type, title prefix, number suffix] */
export const DOCUMENT_TYPES: [string, string, string][] = [
  ['resolution', 'Nghị quyết', 'NQ'],
  ['directive', 'Chỉ thị', 'CT'],
  ['conclusion', 'Kết luận', 'KL'],
  ['regulation', 'Quy định', 'QĐ'],
  ['guidance', 'Hướng dẫn', 'HD'],
  ['study_material', 'Tài liệu học tập', 'TL'],
  ['other', 'Thông báo', 'TB'],
];

/** News headlines, `%s` the publisher and `%t` the topic. */
export const NEWS_TEMPLATES = [
  '%s quán triệt, triển khai nghị quyết về %t',
  '%s sơ kết công tác %t',
  'Hội nghị chuyên đề về %t',
  'Nhiều cách làm hay trong %t',
  '%s kiểm tra việc thực hiện %t',
  'Gương đảng viên tiêu biểu trong %t',
  'Tọa đàm khoa học về %t',
  '%s biểu dương tập thể, cá nhân điển hình về %t',
];
export const NEWS_CATEGORIES = ['party_building', 'policy', 'local', 'example', 'international', 'other'];
export const NEWS_SOURCES: [string, string][] = [
  ['Báo Nhân Dân', 'https://nhandan.vn/'],
  ['Tạp chí Cộng sản', 'https://www.tapchicongsan.org.vn/'],
  ['Báo Quân đội nhân dân', 'https://www.qdnd.vn/'],
  ['Báo điện tử Đảng Cộng sản Việt Nam', 'https://dangcongsan.vn/'],
  ['Thông tấn xã Việt Nam', 'https://vnanet.vn/'],
  ['Báo Xây dựng Đảng', 'https://xaydungdang.org.vn/'],
];
export const SURVEY_TEXT_ANSWERS = [
  'Sinh hoạt chi bộ cần ngắn gọn, tập trung vào nội dung chính.',
  'Đề nghị gửi tài liệu trước cuộc họp qua ứng dụng.',
  'Nên tăng cường sinh hoạt chuyên đề.',
  'Ứng dụng dễ sử dụng, cần thêm chức năng tìm kiếm văn bản.',
  'Đề nghị tổ chức tập huấn sử dụng sổ tay cho đảng viên cao tuổi.',
  'Không có ý kiến thêm.',
];
