/**
 * Vietnamese text as members type it: with or without diacritics, with telex leftovers
 * ("dangr phis"), teen-code abbreviations ("mk", "ko", "dc"), old or new tone placement
 * ("khoá"/"khóa"). Written words are syllables separated by spaces, so the units of matching are
 * syllables and pairs of adjacent syllables (bigrams: "đảng phí" → `dang_phi`).
 *
 * `plainText` must agree with the database's `f_unaccent` + `faq_search_lexemes` (the migration):
 * lower case, marks removed, đ → d, anything but letters and digits a separator.
 */

import { abbreviation, PARTY_ACRONYMS } from './abbreviations.js';

export { ABBREVIATIONS } from './abbreviations.js';

const TONE_MARKS: Record<string, string> = {
  '\u0300': 'f', // huyền
  '\u0301': 's', // sắc
  '\u0303': 'x', // ngã
  '\u0309': 'r', // hỏi
  '\u0323': 'j', // nặng
};
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Lower case, NFC, punctuation to spaces, spaces collapsed; diacritics kept. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Lower case without any diacritics (đ → d): what `f_unaccent` answers in the database. */
export function unaccent(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().normalize('NFC');
}

/** `cleanText` then `unaccent`: the diacritics-insensitive form that search is built on. */
export function plainText(raw: string): string {
  return unaccent(cleanText(raw));
}

/**
 * A syllable's written form with the tone mark moved to the end ("khóa" and "khoá" → `khoa|s`,
 * "đảng" → `đang|r`). Vowel quality marks (ă â ê ô ơ ư đ) stay: they tell "đăng" from "đang".
 * Two spellings of the same syllable get the same key, whatever vowel carries the tone.
 */
export function accentKey(syllable: string): string {
  const nfd = syllable.normalize('NFD').toLowerCase();
  const tones = nfd.match(TONE_RE) ?? [];
  const base = nfd.replace(TONE_RE, '').normalize('NFC');
  return tones.length ? `${base}|${TONE_MARKS[tones[0]!]}` : base;
}

/** The syllable carries any diacritic (a tone or a vowel mark, or đ). */
export const hasDiacritics = (syllable: string) => unaccent(syllable) !== syllable.toLowerCase();

/** onset + nucleus + coda of a Vietnamese syllable written without diacritics. */
const ONSET = '(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])';
const SYLLABLE = new RegExp(`^${ONSET}?[aeiouy]{1,3}(ch|nh|ng|[cmnpt])?$`);
const VALID_ONSET = new RegExp(`^${ONSET}?$`);

/** The unaccented token could be a Vietnamese syllable. */
export const isSyllable = (plain: string) => SYLLABLE.test(plain);

/**
 * A token typed with telex or VNI input left on: tone keys and doubled vowels remain as letters
 * ("dangr" → "dang", "phis" → "phi", "dduwowcj" → "duoc", "da8ng3" → "dang"). Only repairs a
 * token that is not a syllable, starts like one and becomes one; anything else ("wifi", "email",
 * "zalo") is left alone.
 */
export function repairTyping(plain: string): string {
  if (isSyllable(plain) || !/^[a-z0-9]+$/.test(plain) || /^\d+$/.test(plain)) return plain;
  const s = plain.replace(/[0-9]/g, '').replace(/^dd/, 'd');
  const firstVowel = s.search(/[aeiouy]/);
  if (firstVowel < 0 || !VALID_ONSET.test(s.slice(0, firstVowel))) return plain;
  // after the first vowel, telex keys (s f r x j w z) are never letters of a Vietnamese syllable
  const rest = s
    .slice(firstVowel)
    .replace(/[sfrxjwz]/g, '')
    .replace(/aa/g, 'a')
    .replace(/ee/g, 'e')
    .replace(/oo/g, 'o');
  const repaired = s.slice(0, firstVowel) + rest;
  return isSyllable(repaired) ? repaired : plain;
}

/**
 * Words that carry little meaning in a question. Matched on the accented form when the member
 * typed diacritics ("hỏi" is filler, "hội" is not), on the unaccented form otherwise, except the
 * unaccented forms that collide with words that matter ("chi" could be "chi bộ", "the" "thẻ").
 */
const STOP_WORDS = [
  'là',
  'gì',
  'thế',
  'nào',
  'có',
  'không',
  'được',
  'của',
  'và',
  'cho',
  'tôi',
  'em',
  'ạ',
  'à',
  'á',
  'như',
  'ở',
  'đâu',
  'khi',
  'thì',
  'làm',
  'sao',
  'mình',
  'bạn',
  'hỏi',
  'cần',
  'phải',
  'với',
  'vậy',
  'nhé',
  'nhỉ',
  'ơi',
  'anh',
  'chị',
  'ai',
  'những',
  'các',
  'một',
  'này',
  'đó',
  'kia',
  'bị',
  'nên',
  'muốn',
  'về',
  'để',
  'hay',
  'hoặc',
  'mà',
  'nếu',
  'đã',
  'đang',
  'sẽ',
  'rồi',
  'nữa',
  'cũng',
  'vẫn',
  'giúp',
  'chứ',
  'ư',
  'hả',
  'luôn',
  'thôi',
  'vì',
  'tại',
  'từ',
  'trong',
  'theo',
  'ad',
  'admin',
  'ạh',
  'nhiêu',
  'bao',
  'lúc',
  'giờ',
  'chưa',
  'đến',
  'tới',
  'thể',
  'nhờ',
  'xem',
  'biết',
  'thấy',
  'ok',
  'dạ',
  'vâng',
  'cháu',
  'bác',
  'chú',
  'cô',
  'ông',
  'bà',
  'người',
  'ta',
  'họ',
  'thưa',
];
/** Unaccented forms that are also meaningful words of this domain: never stop words unaccented. */
const MEANINGFUL_PLAIN = new Set([
  'dang',
  'the',
  'chi',
  'ban',
  'hoi',
  'can',
  'anh',
  'bi',
  'muon',
  've',
  'de',
  'ma',
  'cung',
  'van',
  'tai',
  'tu',
  'vi',
  'thoi',
  'di',
  'co',
  'bao',
  'gio',
  'toi',
  'dong',
  'den',
  'luc',
  'tham',
  'xem',
  'nguoi',
  'ba',
  'ong',
  'chu',
  'cho',
  'ta',
  'ho',
  'thu',
  'lam',
  'nao',
  'khi',
  'do',
  'mot',
  'nay',
  'sao',
  'ai',
  'bac',
  'chau',
  'nho',
  'trong',
  'theo',
  'tien',
  'cac',
]);
const STOP_KEYS = new Set(STOP_WORDS.map(accentKey));
const STOP_PLAIN = new Set([...STOP_WORDS.map(unaccent), 'ko', 'k', 'dc', 'j', 'vs'].filter((w) => !MEANINGFUL_PLAIN.has(w)));

/** Question phrases: their words are filler wherever they stand together. */
const FILLER_PHRASES = [
  'như thế nào',
  'làm thế nào',
  'thế nào',
  'làm sao',
  'là gì',
  'ở đâu',
  'khi nào',
  'lúc nào',
  'bao giờ',
  'bao nhiêu',
  'có phải',
  'được không',
  'có được',
  'có thể',
  'thế này',
  'như vậy',
  'vì sao',
  'tại sao',
  'cho hỏi',
  'xin hỏi',
  'cho em hỏi',
  'cho tôi hỏi',
  'cho mình hỏi',
  'cho cháu hỏi',
  'cho bác hỏi',
  'xin cảm ơn',
  'cảm ơn',
  'đồng chí',
  'thế ạ',
  'phải không',
  'không ạ',
  'nào ạ',
  'ra sao',
  'gì ạ',
  'của mình',
  'của tôi',
  'của em',
  // spoken openings and closings
  'với ạ',
  'cho con hỏi',
  'cho chú hỏi',
  'cho cô hỏi',
  'cho anh hỏi',
  'cho chị hỏi',
  'cho bà hỏi',
  'cho ông hỏi',
  'mọi người ơi',
  'ad ơi',
  'xin chào',
  'làm ơn',
  'vậy ạ',
  'thì sao',
  'như nào',
  'em cảm ơn',
  'cháu cảm ơn',
  'có sao không',
].map((p) => p.split(' ').map((w) => ({ plain: unaccent(w), key: accentKey(w) })));

/** The filler phrases by their first word's unaccented form: a token is checked against a few, not all. */
const PHRASES_BY_FIRST_WORD = new Map<string, (typeof FILLER_PHRASES)[number][]>();
for (const phrase of FILLER_PHRASES)
  PHRASES_BY_FIRST_WORD.set(phrase[0].plain, [...(PHRASES_BY_FIRST_WORD.get(phrase[0].plain) ?? []), phrase]);

export interface QueryToken {
  /** Unaccented, repaired and expanded form: what the index holds. */
  plain: string;
  /** `accentKey` of the form the member typed, or null when typed without diacritics. */
  accent: string | null;
  /** Filler: weighs little in the score. */
  stop: boolean;
}

export interface AnalysedQuery {
  /** Lower case, punctuation removed, diacritics as typed. */
  text: string;
  /** Unaccented and repaired: compared with the stored `search_text` by trigram similarity. */
  plain: string;
  tokens: QueryToken[];
  /** Word pairs (`wordPairs`). */
  bigrams: string[];
}

/** Splits a question into syllables, repairs typing leftovers, expands abbreviations and marks filler words. */
export function analyseQuery(raw: string): AnalysedQuery {
  const text = cleanText(PARTY_ACRONYMS.reduce((t, [re, words]) => t.replace(re, words), raw));
  const tokens: QueryToken[] = [];
  for (const word of text.split(' ').filter(Boolean)) {
    const plain = unaccent(word);
    const expansion = abbreviation(plain);
    if (expansion && !hasDiacritics(word)) {
      for (const part of expansion.split(' ')) tokens.push({ plain: part, accent: null, stop: false });
      continue;
    }
    const marked = hasDiacritics(word);
    tokens.push({ plain: marked ? plain : repairTyping(plain), accent: marked ? accentKey(word) : null, stop: false });
  }
  for (const t of tokens) t.stop = t.accent ? STOP_KEYS.has(t.accent) : STOP_PLAIN.has(t.plain);
  // question phrases: every word of "như thế nào", "bao nhiêu", "ở đâu" … is filler
  const typed = (w: { plain: string; key: string }, t: QueryToken | undefined) =>
    t !== undefined && (t.accent ? t.accent === w.key : t.plain === w.plain);
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of PHRASES_BY_FIRST_WORD.get(tokens[i].plain) ?? []) {
      if (phrase.every((w, k) => typed(w, tokens[i + k]))) {
        for (let k = 0; k < phrase.length; k++) tokens[i + k].stop = true;
      }
    }
  }
  return { text, plain: tokens.map((t) => t.plain).join(' '), tokens, bigrams: wordPairs(tokens) };
}

/**
 * `a_b` for adjacent words (not both filler), and for adjacent meaningful words once the filler
 * between them is skipped: "vào Đảng thì cần điều kiện" also pairs `dang_dieu`, so a phrasing
 * matches across the filler a member puts in.
 */
export function wordPairs(words: { plain: string; stop: boolean }[]): string[] {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    if (!(words[i].stop && words[i + 1].stop)) pairs.add(`${words[i].plain}_${words[i + 1].plain}`);
  }
  const content = words.filter((w) => !w.stop);
  for (let i = 0; i + 1 < content.length; i++) pairs.add(`${content[i].plain}_${content[i + 1].plain}`);
  return [...pairs];
}

export interface FieldTokens {
  plain: string[];
  /** Per word: it carries little meaning (see `isFillerWord`). */
  filler: boolean[];
  /** plain → accent keys seen for it in this field (the key equals the plain form when unmarked). */
  accents: Map<string, Set<string>>;
  bigrams: Set<string>;
  /** Pairs of adjacent meaningful words, filler skipped. */
  contentBigrams: Set<string>;
}

/**
 * A stored question or keyword phrase, split like a query: abbreviations expanded the same way
 * ("cài app" holds "ung dung"), no typing repair (editors type carefully).
 */
export function analyseField(raw: string): FieldTokens {
  const words: { plain: string; key: string; filler: boolean }[] = [];
  for (const word of cleanText(raw).split(' ').filter(Boolean)) {
    const plain = unaccent(word);
    const expansion = abbreviation(plain);
    if (expansion && !hasDiacritics(word)) {
      for (const part of expansion.split(' ')) words.push({ plain: part, key: part, filler: isFillerWord(part) });
    } else {
      words.push({ plain, key: accentKey(word), filler: isFillerWord(word) });
    }
  }
  const accents = new Map<string, Set<string>>();
  for (const w of words) {
    const set = accents.get(w.plain) ?? new Set<string>();
    set.add(w.key);
    accents.set(w.plain, set);
  }
  const sequence = words.map((w) => ({ plain: w.plain, stop: w.filler }));
  const content = sequence.filter((w) => !w.stop);
  const contentBigrams = new Set<string>();
  for (let i = 0; i + 1 < content.length; i++) contentBigrams.add(`${content[i].plain}_${content[i + 1].plain}`);
  // every adjacent pair (filler included: the index holds them too) and the meaningful ones
  const bigrams = new Set(contentBigrams);
  for (let i = 0; i + 1 < words.length; i++) bigrams.add(`${words[i].plain}_${words[i + 1].plain}`);
  return { plain: words.map((w) => w.plain), filler: words.map((w) => w.filler), accents, bigrams, contentBigrams };
}

/** A word of a stored field that carries little meaning (as for a query: accented if it has diacritics). */
export function isFillerWord(word: string): boolean {
  return hasDiacritics(word) ? STOP_KEYS.has(accentKey(word)) : STOP_PLAIN.has(unaccent(word));
}

/** The three rows of editDistance, reused by every call (it is synchronous): no allocation per comparison. */
let distanceRows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (distanceRows[0].length < b.length + 1) distanceRows = distanceRows.map(() => new Int32Array(2 * (b.length + 1)));
  // three rows (the one before the previous, for transpositions)
  let [before, prev, row] = distanceRows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const x = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const y = b.charCodeAt(j - 1);
      const cost = x === y ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === y) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length];
}
