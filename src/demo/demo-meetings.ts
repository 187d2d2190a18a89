/**
 * A year of branch meetings for the demo province (issue 16 item 9): the month's guidance that the
 * provincial committee publishes, and the texts of the meetings, motions, minutes and tasks. The
 * rows are written in bulk by demo-meetings.repository.ts; which branch met, who came and how they
 * voted is drawn there, deterministically, so the figures on the dashboard are the product's own.
 */

/** The themes of the provincial committee's monthly guidance, by calendar month (1-12). */
const THEMES: Record<number, string[]> = {
  1: ['Quán triệt Nghị quyết Hội nghị Trung ương; nhiệm vụ năm mới', 'Chuẩn bị đón Tết, thăm hỏi gia đình chính sách'],
  2: ['Mừng Đảng, mừng Xuân; kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam 3/2', 'Phát động phong trào trồng cây đầu xuân'],
  3: [
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh: chuyên đề năm',
    'Công tác phát triển đảng viên trong đoàn viên thanh niên',
  ],
  4: ['Kỷ niệm ngày Giải phóng miền Nam, thống nhất đất nước 30/4', 'Phòng, chống cháy rừng mùa khô'],
  5: ['Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh 19/5', 'Sơ kết công tác thu nộp đảng phí quý I'],
  6: ['Sơ kết 6 tháng thực hiện nghị quyết của chi bộ', 'Phòng, chống thiên tai, mưa lũ'],
  7: ['Kỷ niệm ngày Thương binh – Liệt sĩ 27/7; thăm hỏi gia đình chính sách', 'Nghiên cứu văn bản mới của Tỉnh ủy'],
  8: ['Kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9', 'Vận động con em đến trường năm học mới'],
  9: ['Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng', 'Chuẩn bị kiểm điểm, đánh giá chất lượng đảng viên cuối năm'],
  10: ['Chuyển đổi số trong sinh hoạt chi bộ: dùng Sổ tay Đảng viên điện tử', 'Phòng, chống tệ nạn xã hội ở khu dân cư'],
  11: ['Ngày hội Đại đoàn kết toàn dân tộc 18/11', 'Kiểm điểm, đánh giá, xếp loại đảng viên năm'],
  12: ['Tổng kết công tác xây dựng Đảng năm; phương hướng năm tới', 'Kỷ niệm ngày thành lập Quân đội nhân dân Việt Nam 22/12'],
};

/** The fixed opening and closing items of every regular meeting's agenda (the regulations' order). */
export const DEMO_AGENDA_OPENING = 'Đánh giá kết quả thực hiện nhiệm vụ tháng trước';
export const DEMO_AGENDA_CLOSING = 'Thảo luận, thống nhất nhiệm vụ tháng tới';

export interface DemoGuidanceMonth {
  /** 'YYYY-MM-01' */
  month: string;
  title: string;
  topics: { title: string; description: string | null; documentIds: string[] }[];
}

/** The guidance of each of these months ('YYYY-MM-01'). */
export function demoGuidance(months: string[]): DemoGuidanceMonth[] {
  return months.map((month) => {
    const [y, m] = month.split('-').map(Number);
    return {
      month,
      title: `Định hướng nội dung sinh hoạt chi bộ tháng ${m}/${y}`,
      topics: THEMES[m].map((title) => ({
        title,
        description: 'Chi ủy chuẩn bị tài liệu, phân công đảng viên trình bày và liên hệ với thực tiễn của chi bộ.',
        documentIds: [],
      })),
    };
  });
}

export const DEMO_MEETING_TEXT = {
  /** Followed by ` <month>/<year>`. */
  regularTitle: 'Sinh hoạt chi bộ thường kỳ tháng',
  /** Followed by ` <quarter>/<year>`. */
  thematicTitle: 'Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, quý',
  excuse: ['Đi công tác theo phân công của cơ quan', 'Ốm, có giấy của trạm y tế', 'Chăm người nhà nằm viện', 'Đi học lớp bồi dưỡng'],
  openMotion: 'Thông qua nghị quyết sinh hoạt chi bộ tháng',
  secretMotion: 'Đề nghị công nhận đảng viên chính thức',
  otherOpinion: 'Đề nghị chi ủy bổ sung nhận xét của đoàn thể nơi cư trú',
  summary:
    'Chi bộ đánh giá kết quả thực hiện nhiệm vụ tháng trước, nghiên cứu chuyên đề theo định hướng của Tỉnh ủy; ' +
    'các đồng chí đảng viên phát biểu, đóng góp ý kiến sôi nổi, thẳng thắn.',
  conclusions: 'Chi bộ thống nhất nhiệm vụ tháng tới; giao chi ủy theo dõi, đôn đốc việc thực hiện và báo cáo tại kỳ sinh hoạt sau.',
  tasks: [
    'Vận động hộ gia đình tham gia vệ sinh môi trường khu dân cư',
    'Thu, nộp đảng phí đầy đủ, đúng hạn',
    'Nắm tình hình tư tưởng của nhân dân, báo cáo chi ủy',
    'Hướng dẫn đảng viên cao tuổi cài đặt Sổ tay Đảng viên điện tử',
  ],
};
