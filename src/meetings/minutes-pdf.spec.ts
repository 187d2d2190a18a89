import { describe, expect, it } from '@jest/globals';
import { pdfText } from '../../test/support/pdf-text.js';
import type { MinutesResponse } from './dto/minutes.response.js';
import { MINUTES_FONT, renderMinutesPdf, vietnameseDateTime } from './minutes-pdf.js';

const minutes = (over: Partial<MinutesResponse> = {}): MinutesResponse => ({
  meetingId: '00000000-0000-4000-8000-000000000001',
  committeeId: 7,
  committeeName: 'Chi bộ xóm Đồng Kè',
  parentCommitteeName: 'Đảng bộ xã Hùng Sơn',
  kind: 'regular',
  status: 'held',
  title: 'Sinh hoạt chi bộ thường kỳ tháng 11/2026',
  month: '2026-11-01',
  startsAt: new Date('2026-11-10T12:30:00Z'),
  endsAt: new Date('2026-11-10T14:30:00Z'),
  heldAt: new Date('2026-11-10T14:20:00Z'),
  place: 'Nhà văn hóa xóm Đồng Kè',
  onlineUrl: null,
  attendance: {
    total: 3,
    official: 2,
    probationary: 1,
    present: 1,
    late: 0,
    excused: 1,
    unexcused: 1,
    exempt: 0,
    unmarked: 0,
    absentees: [
      { memberId: '00000000-0000-4000-8000-000000000002', fullName: 'Lê Thị Hồng', state: 'excused', hold: 'temporary_transfer' },
      { memberId: '00000000-0000-4000-8000-000000000003', fullName: 'Phạm Đức Mạnh', state: 'unexcused', hold: null },
    ],
  },
  agenda: [{ position: 1, title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng', description: null, presenter: 'Nguyễn Văn An' }],
  votes: [
    {
      motionId: '00000000-0000-4000-8000-000000000004',
      title: 'Thông qua nghị quyết tháng',
      secret: true,
      agreeCount: 2,
      disagreeCount: 0,
      otherCount: 0,
      denominator: 2,
      passed: true,
      closedAt: new Date('2026-11-10T14:00:00Z'),
    },
  ],
  summary: 'Các đồng chí thảo luận về việc vận động nhân dân làm đường.',
  conclusions: 'Chi bộ thống nhất giao chi ủy xây dựng kế hoạch.',
  tasks: [],
  addenda: [],
  lockedAt: null,
  lockedBy: null,
  lockedByName: null,
  ...over,
});

describe('the minutes PDF', () => {
  it('is a PDF with the Vietnamese font embedded and the text of the minutes, marked as a draft until locked', async () => {
    const pdf = await renderMinutesPdf(minutes());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // the font program is in the file (a subset, named XXXXXX+DejaVuSerif), not referenced from the system
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${MINUTES_FONT}\\b`));
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
    const text = pdfText(pdf);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('BIÊN BẢN SINH HOẠT CHI BỘ');
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('CHI BỘ XÓM ĐỒNG KÈ');
    expect(text).toContain('Có mặt: 1');
    expect(text).not.toContain('Có mặt: 1 (');
    expect(text).toContain('Vắng có lý do: 1 (Lê Thị Hồng – sinh hoạt tạm thời nơi khác)');
    expect(text).toContain('Vắng không lý do: 1 (Phạm Đức Mạnh)');
    expect(text).toContain('Thông qua nghị quyết tháng');
    expect(text).toContain('Bỏ phiếu kín');
  });

  it('once locked drops the draft mark and carries the addenda with their date', async () => {
    const text = pdfText(
      await renderMinutesPdf(
        minutes({
          status: 'minutes_locked',
          lockedAt: new Date('2026-11-11T01:00:00Z'),
          lockedByName: 'Trần Thị Bình',
          addenda: [{ id: 'a', body: 'Đính chính số người vắng.', createdAt: new Date('2026-11-12T02:05:00Z'), createdBy: null }],
        }),
      ),
    );
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain('Đính chính số người vắng.');
    expect(text).toContain(vietnameseDateTime(new Date('2026-11-12T02:05:00Z')));
    expect(vietnameseDateTime(new Date('2026-11-12T02:05:00Z'))).toBe('09 giờ 05 phút, ngày 12/11/2026');
    expect(text).toContain('Trần Thị Bình');
  });
});
