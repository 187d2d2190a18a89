import type { EntityManager } from 'typeorm';
import { subtreeOf } from '../common/scope.js';

/** The provincial committee's bulletins of the last weeks (days ago, title, text). */
const DEMO_BULLETINS: [number, string, string][] = [
  [
    2,
    'Thông báo lịch học tập, quán triệt Nghị quyết Đại hội XIV của Đảng',
    'Ban Thường vụ Tỉnh ủy tổ chức hội nghị trực tuyến học tập, quán triệt Nghị quyết Đại hội XIV vào 8 giờ ngày thứ Hai tuần tới tại các điểm cầu cấp huyện và cấp xã. Đề nghị các đồng chí đảng viên tham dự đầy đủ, nghiên cứu trước tài liệu trong mục Văn bản của ứng dụng.',
  ],
  [
    9,
    'Nhắc thu, nộp đảng phí quý IV',
    'Đề nghị các chi bộ hoàn thành việc thu, nộp đảng phí quý IV trước ngày 25 tháng cuối quý. Đảng viên hưởng lương có thể nộp qua Cổng dịch vụ công; chi bộ tổng hợp và báo cáo cấp ủy cấp trên.',
  ],
  [
    16,
    'Hướng dẫn cập nhật thông tin đảng viên trên Sổ tay',
    'Đảng viên kiểm tra thông tin cá nhân trong mục Tài khoản; nếu có sai sót, gửi yêu cầu sửa thông tin ngay trong ứng dụng để bí thư chi bộ xem xét, phê duyệt.',
  ],
  [
    30,
    'Phát động đợt thi tìm hiểu lịch sử Đảng bộ tỉnh',
    'Hưởng ứng kỷ niệm ngày thành lập Đảng bộ tỉnh, Ban Tuyên giáo Tỉnh ủy phát động cuộc thi trắc nghiệm trực tuyến trên ứng dụng, kéo dài 4 tuần. Mỗi đảng viên được tham gia một lần.',
  ],
];

/**
 * What the demo's members find in their inboxes (issue 17), written as the app would have published
 * it over the 90 days notifications are kept: the documents and news of the seed (to the
 * publisher's subtree), the meetings scheduled (to their branch), the provincial committee's
 * bulletins, and each accepted or declined excuse (to its member). One statement per kind, once:
 * nothing is written when the province already has notifications.
 */
export async function seedDemoNotifications(m: EntityManager, provincePath: string, provinceId: number, ttlDays: number): Promise<number> {
  const inProvince = (alias: string) => `${alias}.committee_id IN (SELECT id FROM committees c WHERE ${subtreeOf('c.path', '$1')})`;
  const [{ seeded }] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM notifications n WHERE ${inProvince('n').replace('n.committee_id', 'n.audience_committee_id')}) AS seeded`,
    [provincePath],
  );
  if (seeded) return 0;
  const ttl = `make_interval(days => $2)`;
  const content: { n: number }[] = await m.query(
    `WITH ins AS (
       INSERT INTO notifications (kind, title, body, link_type, link_id, audience_committee_id, publish_at, expires_at, dedupe_key)
       SELECT 'document_published', left('Văn bản mới: ' || d.title, 300), coalesce(d.summary, ''), 'document', d.id::text, d.committee_id,
              d.published_at, d.published_at + ${ttl}, 'document:' || d.id
         FROM documents d WHERE d.status = 'published' AND d.published_at > now() - ${ttl} AND d.published_at <= now() AND ${inProvince('d')}
       UNION ALL
       SELECT 'news_published', left('Tin mới: ' || n.title, 300), coalesce(n.summary, ''), 'news', n.id::text, n.committee_id,
              n.published_at, n.published_at + ${ttl}, 'news:' || n.id
         FROM news_items n WHERE n.status = 'published' AND n.published_at > now() - ${ttl} AND n.published_at <= now() AND ${inProvince('n')}
       UNION ALL
       SELECT 'meeting_scheduled', left('Lịch sinh hoạt: ' || m.title, 300),
              'Thời gian: ' || to_char(m.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI DD/MM/YYYY') || coalesce('. Địa điểm: ' || m.place, ''),
              'meeting', m.id::text, m.committee_id, m.scheduled_at, m.scheduled_at + ${ttl}, NULL
         FROM meetings m WHERE m.scheduled_at > now() - ${ttl} AND m.scheduled_at <= now() AND m.status <> 'draft' AND ${inProvince('m')}
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [provincePath, ttlDays],
  );
  const bulletins: { n: number }[] = await m.query(
    `WITH ins AS (
       INSERT INTO notifications (kind, title, body, audience_committee_id, publish_at, expires_at)
       SELECT 'bulletin', b.title, b.text, $2, t.at, t.at + make_interval(days => $1)
         FROM jsonb_to_recordset($3::jsonb) AS b(days_ago int, title text, text text)
         CROSS JOIN LATERAL (SELECT (date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - make_interval(days => b.days_ago)
                                     + interval '7 hours 30 minutes') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) t
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [ttlDays, provinceId, JSON.stringify(DEMO_BULLETINS.map(([daysAgo, title, text]) => ({ days_ago: daysAgo, title, text })))],
  );
  const excuses: { n: number }[] = await m.query(
    `WITH ins AS (
       INSERT INTO notifications (kind, title, body, link_type, link_id, member_id, publish_at, expires_at)
       SELECT 'excuse_decided',
              left(CASE WHEN e.status = 'accepted' THEN 'Đơn xin vắng đã được chấp thuận: ' ELSE 'Đơn xin vắng không được chấp thuận: ' END || m.title, 300),
              coalesce(e.decision_note, ''), 'meeting', m.id::text, e.member_id, e.decided_at, e.decided_at + ${ttl}
         FROM meeting_excuses e JOIN meetings m ON m.id = e.meeting_id
        WHERE e.status IN ('accepted', 'declined') AND e.decided_at > now() - ${ttl} AND e.decided_at <= now() AND ${inProvince('m')}
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [provincePath, ttlDays],
  );
  return content[0].n + bulletins[0].n + excuses[0].n;
}
