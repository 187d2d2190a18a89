/**
 * Abbreviations members type, unaccented form → the words they stand for (unaccented). Reviewed:
 * only forms that, in a question to the Party handbook, mean one thing. Applied to questions and
 * to the stored phrasings alike ("cài app" holds "ung dung"), and only to words typed without
 * diacritics ("đc" is typed "dc" or "đc": both unaccent to "dc").
 *
 * Left out on purpose: "qd", "tw" (document numbers are written "124-QĐ/TW" and found that way),
 * "hs" (hồ sơ / học sinh), "bt" (bí thư / bình thường), "du" (đảng ủy / du học:
 * see PARTY_ACRONYMS), "v" (vậy / và), "t" (tôi / tuổi).
 */
export const ABBREVIATIONS: Record<string, string> = {
  // spoken and phone typing
  ko: 'khong',
  k: 'khong',
  kg: 'khong',
  khg: 'khong',
  hok: 'khong',
  dc: 'duoc',
  ntn: 'nhu the nao',
  bn: 'bao nhieu',
  bh: 'bao gio',
  j: 'gi',
  vs: 'voi',
  r: 'roi',
  cx: 'cung',
  mk: 'mat khau',
  tk: 'tai khoan',
  dt: 'dien thoai',
  sdt: 'so dien thoai',
  ud: 'ung dung',
  app: 'ung dung',
  pass: 'mat khau',
  password: 'mat khau',
  ng: 'nguoi',
  sv: 'sinh vien',
  dk: 'dieu kien',
  // Party usage
  dv: 'dang vien',
  dp: 'dang phi',
  sh: 'sinh hoat',
  cb: 'chi bo',
  nq: 'nghi quyet',
  nv: 'nhiem vu',
  // the Ban Chấp hành of a Party organisation is its cấp ủy, the word the entries use
  bch: 'cap uy',
};

/**
 * Acronyms recognised only as typed in capitals (or with đ): "ĐU"/"DU" is the đảng ủy, while "du"
 * is also the first syllable of "du học", "du lịch".
 */
export const PARTY_ACRONYMS: [RegExp, string][] = [[/(?<![\p{L}\p{N}])(ĐU|Đu|đu|DU)(?![\p{L}\p{N}])/gu, 'đảng ủy']];

/** The words an abbreviation stands for; only the table's own keys ("constructor" is a word, not an abbreviation). */
export function abbreviation(plain: string): string | undefined {
  return Object.hasOwn(ABBREVIATIONS, plain) ? ABBREVIATIONS[plain] : undefined;
}
