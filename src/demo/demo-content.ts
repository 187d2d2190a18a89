import type { DocumentType } from '../documents/document.entity.js';
/**
 * What the demo province's members read on their phones: a few documents (real Party documents,
 * described by their title and purpose only; no file is attached, editors upload the text), news
 * of the province and its committees, the FAQ knowledge base (faq-entries.json, the labelled set
 * the automatic answers are evaluated on) and one open survey. Demo content, for a newcomer to
 * click through: a real installation starts empty (SEED_DEMO is off with DATABASE_URL).
 */

export interface DemoDocument {
  committeeCode: string;
  title: string;
  number: string | null;
  type: DocumentType;
  issuingBody: string;
  issuedOn: string;
  summary: string;
  tags: string[];
  /** Days before the seed's day it was published in the app. */
  publishedDaysAgo: number;
}

export interface DemoNews {
  committeeCode: string;
  title: string;
  summary: string;
  /** Light HTML, as the editor's rich-text field stores it. */
  body: string;
  category: 'party_building' | 'policy' | 'local' | 'example' | 'international' | 'other';
  source: { name: string; url: string } | null;
  publishedDaysAgo: number;
}

export interface DemoQuestion {
  type: 'single' | 'multiple' | 'rating' | 'long_text';
  text: string;
  required: boolean;
  minSelections?: number;
  maxSelections?: number;
  options?: string[];
}

export interface DemoSurvey {
  committeeCode: string;
  title: string;
  description: string;
  anonymous: boolean;
  openedDaysAgo: number;
  closesInDays: number;
  questions: DemoQuestion[];
}

const PROVINCE = 'TN';
const KCQ = 'TN-KCQ';

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    committeeCode: PROVINCE,
    title: 'Điều lệ Đảng Cộng sản Việt Nam',
    number: null,
    type: 'regulation',
    issuingBody: 'Đại hội đại biểu toàn quốc lần thứ XI của Đảng',
    issuedOn: '2011-01-19',
    summary:
      'Điều lệ Đảng do Đại hội XI thông qua: đảng viên, nguyên tắc tổ chức và cơ cấu tổ chức của Đảng, tổ chức cơ sở đảng, công tác kiểm tra, giám sát và kỷ luật, tài chính của Đảng.',
    tags: ['điều lệ đảng'],
    publishedDaysAgo: 400,
  },
  {
    committeeCode: PROVINCE,
    title: 'Quy định số 232-QĐ/TW thi hành Điều lệ Đảng',
    number: '232-QĐ/TW',
    type: 'regulation',
    issuingBody: 'Ban Chấp hành Trung ương',
    issuedOn: '2025-01-20',
    summary:
      'Quy định chi tiết việc thi hành Điều lệ Đảng: kết nạp đảng viên, đảng viên dự bị, thẻ đảng viên, sinh hoạt đảng, miễn công tác và sinh hoạt đảng, chuyển sinh hoạt đảng.',
    tags: ['điều lệ đảng', 'công tác đảng viên'],
    publishedDaysAgo: 300,
  },
  {
    committeeCode: PROVINCE,
    title: 'Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới',
    number: '144-QĐ/TW',
    type: 'regulation',
    issuingBody: 'Bộ Chính trị',
    issuedOn: '2024-05-09',
    summary: 'Những chuẩn mực đạo đức cách mạng mà cán bộ, đảng viên phải tu dưỡng, rèn luyện và thực hiện trong giai đoạn mới.',
    tags: ['xây dựng đảng', 'đạo đức'],
    publishedDaysAgo: 200,
  },
  {
    committeeCode: PROVINCE,
    title: 'Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng',
    number: '35-CT/TW',
    type: 'directive',
    issuingBody: 'Bộ Chính trị',
    issuedOn: '2024-06-14',
    summary:
      'Mục đích, yêu cầu, nội dung và cách tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025-2030; công tác chuẩn bị văn kiện và nhân sự.',
    tags: ['đại hội đảng'],
    publishedDaysAgo: 150,
  },
  {
    committeeCode: PROVINCE,
    title: 'Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    number: '57-NQ/TW',
    type: 'resolution',
    issuingBody: 'Bộ Chính trị',
    issuedOn: '2024-12-22',
    summary:
      'Quan điểm, mục tiêu và nhiệm vụ, giải pháp đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.',
    tags: ['chuyển đổi số', 'nghị quyết'],
    publishedDaysAgo: 60,
  },
  {
    committeeCode: KCQ,
    title: 'Hướng dẫn cài đặt và sử dụng Sổ tay Đảng viên điện tử',
    number: null,
    type: 'guidance',
    issuingBody: 'Đảng ủy Khối các cơ quan tỉnh',
    issuedOn: '2021-12-20',
    summary:
      'Cách cài đặt ứng dụng trên điện thoại, đăng nhập bằng tài khoản chi bộ cấp, đổi mật khẩu lần đầu, đọc văn bản, tin tức, hỏi đáp và trả lời khảo sát.',
    tags: ['sổ tay đảng viên', 'hướng dẫn'],
    publishedDaysAgo: 20,
  },
];

const BAO_THAI_NGUYEN = { name: 'Báo Thái Nguyên', url: 'https://baothainguyen.vn/' };

export const DEMO_NEWS: DemoNews[] = [
  {
    committeeCode: PROVINCE,
    title: 'Triển khai Sổ tay Đảng viên điện tử đến toàn bộ các chi bộ trong tỉnh',
    summary: 'Sau giai đoạn thí điểm tại Đảng bộ Khối các cơ quan tỉnh, ứng dụng được triển khai tới 16 đảng bộ trực thuộc.',
    body: '<p>Sau giai đoạn dùng thử và thí điểm tại Đảng bộ Khối các cơ quan tỉnh, Ban Thường vụ Tỉnh ủy chỉ đạo triển khai <strong>Sổ tay Đảng viên điện tử</strong> tới toàn bộ 16 đảng bộ trực thuộc.</p><p>Các chi bộ rà soát danh sách đảng viên, cấp tài khoản và hướng dẫn đảng viên cài đặt ứng dụng; cấp ủy theo dõi tỷ lệ cài đặt của từng đơn vị trên trang quản trị.</p>',
    category: 'local',
    source: null,
    publishedDaysAgo: 3,
  },
  {
    committeeCode: PROVINCE,
    title: 'Đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng',
    summary: 'Các cấp ủy được yêu cầu số hóa hồ sơ, văn bản và đưa sinh hoạt, học tập nghị quyết lên môi trường số.',
    body: '<p>Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, các cấp ủy trong tỉnh đẩy mạnh ứng dụng công nghệ thông tin trong công tác xây dựng Đảng: số hóa hồ sơ đảng viên, phát hành văn bản trên môi trường điện tử, học tập nghị quyết qua ứng dụng.</p>',
    category: 'party_building',
    source: BAO_THAI_NGUYEN,
    publishedDaysAgo: 8,
  },
  {
    committeeCode: PROVINCE,
    title: 'Hội nghị quán triệt Quy định 144-QĐ/TW về chuẩn mực đạo đức cách mạng',
    summary: 'Hội nghị được tổ chức trực tuyến tới các điểm cầu cấp huyện và cơ sở.',
    body: '<p>Tỉnh ủy tổ chức hội nghị trực tuyến quán triệt Quy định số 144-QĐ/TW của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới.</p><p>Toàn văn quy định và tài liệu học tập đã có trong mục <em>Văn bản</em> của ứng dụng.</p>',
    category: 'party_building',
    source: null,
    publishedDaysAgo: 15,
  },
  {
    committeeCode: PROVINCE,
    title: 'Những điểm mới về sinh hoạt đảng và chuyển sinh hoạt đảng',
    summary: 'Tóm tắt các nội dung đảng viên thường hỏi: thủ tục chuyển sinh hoạt, miễn sinh hoạt, đảng viên đi làm ăn xa.',
    body: '<p>Quy định số 232-QĐ/TW thi hành Điều lệ Đảng hướng dẫn chi tiết việc chuyển sinh hoạt đảng chính thức và tạm thời, miễn công tác và sinh hoạt đảng. Đảng viên có thể tra cứu nhanh trong mục <em>Hỏi đáp</em> của ứng dụng.</p>',
    category: 'policy',
    source: null,
    publishedDaysAgo: 30,
  },
  {
    committeeCode: KCQ,
    title: 'Chi bộ sinh hoạt chuyên đề về chuyển đổi số',
    summary: 'Đảng viên chia sẻ kinh nghiệm dùng ứng dụng để đọc tài liệu trước buổi sinh hoạt.',
    body: '<p>Các chi bộ trong Đảng bộ Khối tổ chức sinh hoạt chuyên đề về chuyển đổi số. Tài liệu sinh hoạt được gửi trước qua Sổ tay Đảng viên điện tử để đảng viên nghiên cứu, buổi sinh hoạt dành nhiều thời gian hơn cho thảo luận.</p>',
    category: 'example',
    source: null,
    publishedDaysAgo: 10,
  },
  {
    committeeCode: PROVINCE,
    title: 'Gương đảng viên trẻ tiêu biểu trong phong trào thanh niên tình nguyện',
    summary: 'Những đảng viên trẻ đi đầu trong các hoạt động tình nguyện tại vùng cao.',
    body: '<p>Nhiều đảng viên trẻ trong tỉnh tích cực tham gia các hoạt động tình nguyện: hỗ trợ người dân cài đặt dịch vụ công trực tuyến, sửa chữa nhà văn hóa, dạy học cho trẻ em vùng cao.</p>',
    category: 'example',
    source: BAO_THAI_NGUYEN,
    publishedDaysAgo: 45,
  },
];

export const DEMO_SURVEYS: DemoSurvey[] = [
  {
    committeeCode: PROVINCE,
    title: 'Khảo sát việc sử dụng Sổ tay Đảng viên điện tử',
    description: 'Ý kiến của đồng chí giúp cấp ủy hoàn thiện ứng dụng. Phiếu mất khoảng 2 phút.',
    anonymous: false,
    openedDaysAgo: 5,
    closesInDays: 25,
    questions: [
      {
        type: 'single',
        text: 'Đồng chí mở ứng dụng bao lâu một lần?',
        required: true,
        options: ['Hằng ngày', 'Vài lần mỗi tuần', 'Vài lần mỗi tháng', 'Hiếm khi'],
      },
      {
        type: 'multiple',
        text: 'Đồng chí dùng những mục nào nhiều nhất? (tối đa 2)',
        required: true,
        minSelections: 1,
        maxSelections: 2,
        options: ['Văn bản', 'Tin tức', 'Hỏi đáp', 'Khảo sát'],
      },
      { type: 'rating', text: 'Mức độ hài lòng với ứng dụng (1-5)', required: true },
      { type: 'long_text', text: 'Đồng chí muốn ứng dụng có thêm nội dung gì?', required: false },
    ],
  },
];
