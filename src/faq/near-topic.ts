import { accentKey, type QueryToken } from './vietnamese-text.js';

/**
 * Near-topic refusal. Members ask the handbook about everything; a question about a civil
 * procedure, another app or everyday life often shares words with an entry ("chuyển hộ khẩu" and
 * "chuyển sinh hoạt đảng", "quên mật khẩu zalo" and "quên mật khẩu"), and word overlap alone would
 * answer it with the wrong entry. A question that names one of these subjects (unaccented words,
 * matched as a run) and says nothing of the Party (no ANCHOR) is not about the handbook.
 * Reviewed by hand: add a subject when the queue shows such questions answered.
 */
const OTHER_SUBJECTS = [
  // civil status and papers (the commune's one-stop shop, not the Party)
  'ho khau',
  'tam tru',
  'tam vang',
  'can cuoc',
  'cccd',
  'cmnd',
  'chung minh nhan dan',
  'ho chieu',
  'visa',
  'khai sinh',
  'khai tu',
  'ket hon',
  'ly hon',
  'so do',
  'dat dai',
  'bang lai',
  'dang kiem',
  'bien so',
  'xe may',
  'o to',
  'thue',
  'nghia vu quan su',
  'bao hiem',
  'luong huu',
  'tro cap',
  'nghi phep',
  'xuat khau lao dong',
  'hoc phi',
  'tien dien',
  'tien nuoc',
  'sinh hoat phi',
  'phu huynh',
  'to dan pho',
  'tuyen sinh',
  'quan doi',
  // banks and payments
  'ngan hang',
  'the atm',
  'chuyen tien',
  'vay von',
  'lai suat',
  // other apps and services
  'facebook',
  'zalo',
  'messenger',
  'gmail',
  'google',
  'youtube',
  'tiktok',
  'instagram',
  'vneid',
  'icloud',
  'wifi',
  'mat song',
  'he dieu hanh',
  'shopee',
  'grab',
  // everyday life
  'thoi tiet',
  'gia vang',
  'xo so',
  'bong da',
  'phim',
  'ca nhac',
  'game',
  'nau an',
  'mon an',
  'du lich',
].map((s) => s.split(' '));

/** Words that put a question in the Party's world, whatever else it names ("đóng đảng phí qua ngân hàng"). */
const ANCHOR_PAIRS = new Set([
  'dang_vien',
  'dang_phi',
  'the_dang',
  'chi_bo',
  'chi_uy',
  'cap_uy',
  'dang_uy',
  'dang_bo',
  'ket_nap',
  'so_tay',
  'nghi_quyet',
  'bi_thu',
  'huy_hieu',
  'du_bi',
  'vao_dang',
  'khoi_dang',
  'tuoi_dang',
]);
const PARTY = accentKey('đảng');
/** "dang" typed without diacritics is the Party unless it starts "đăng nhập", "đăng ký". */
const NOT_PARTY_AFTER = new Set(['nhap', 'ky', 'ki', 'tai', 'xuat']);

/** The question names a subject outside the handbook and nothing of the Party. */
export function isNearTopic(tokens: QueryToken[]): boolean {
  const plain = tokens.map((t) => t.plain);
  const names = OTHER_SUBJECTS.some((subject) => plain.some((_, i) => subject.every((w, k) => plain[i + k] === w)));
  return names && !hasPartyAnchor(tokens);
}

export function hasPartyAnchor(tokens: QueryToken[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i + 1 < tokens.length && ANCHOR_PAIRS.has(`${t.plain}_${tokens[i + 1].plain}`)) return true;
    if (t.plain === 'dang' && (t.accent ? t.accent === PARTY : !NOT_PARTY_AFTER.has(tokens[i + 1]?.plain ?? ''))) return true;
  }
  return false;
}
