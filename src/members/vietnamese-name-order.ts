/**
 * How Vietnamese lists order people (issue 19 item 8): by given name (the last word), then the
 * middle names, then the family name, each word in the Vietnamese alphabet (a ă â b c d đ e ê … ư
 * v x y: ă, â, đ, ê, ô, ơ, ư are letters of their own) and, between words that differ only in their
 * tone marks, by tone: none, huyền, hỏi, ngã, sắc, nặng, the order of CLDR's Vietnamese collation
 * (`&̀<<̉<<̃<<́<<̣`, which ICU's vi-VN collation implements).
 *
 * PostgreSQL's ICU collations are not on every server (the embedded database has none), so the
 * order is a sort key: `members.name_sort_key`, kept by a trigger with the SQL function
 * `vn_name_sort_key(text)` that the migration 1796528830433-vietnamese-name-order builds from the
 * tables below, compared byte by byte (COLLATE "C"). The key is, word by word in the order given
 * name, middle names, family name: the word's letters as codes in alphabet order, chr(1), a tone digit
 * per vowel (consonants as they are); words joined by chr(2). So a whole given name (letters, then
 * tones) decides before the middle names, and those before the family name, as sorting a list by its
 * "Tên" column, then "Tên đệm", then "Họ" does.
 */

/** The Vietnamese alphabet, with f, j, w and z of foreign names where the Latin alphabet has them. */
export const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
/** One code per letter of ALPHABET, ascending in byte order (no backslash, no quote). */
export const LETTER_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_{|}';

/** Each vowel with its tones in order: huyền, hỏi, ngã, sắc, nặng. */
export const TONES: Record<string, string> = {
  a: 'àảãáạ',
  ă: 'ằẳẵắặ',
  â: 'ầẩẫấậ',
  e: 'èẻẽéẹ',
  ê: 'ềểễếệ',
  i: 'ìỉĩíị',
  o: 'òỏõóọ',
  ô: 'ồổỗốộ',
  ơ: 'ờởỡớợ',
  u: 'ùủũúụ',
  ư: 'ừửữứự',
  y: 'ỳỷỹýỵ',
};

/** `translate(s, from, to)` arguments: every letter (either case, any tone) to its letter's code. */
export function primaryTranslation(): { from: string; to: string } {
  let from = '';
  let to = '';
  const add = (ch: string, code: string) => {
    for (const c of new Set([ch, ch.toUpperCase()])) {
      if (!from.includes(c)) {
        from += c;
        to += code;
      }
    }
  };
  [...ALPHABET].forEach((letter, i) => {
    add(letter, LETTER_CODES[i]);
    for (const toned of TONES[letter] ?? '') add(toned, LETTER_CODES[i]);
  });
  return { from, to };
}

/** `translate(s, from, to)` arguments: every vowel (either case) to its tone digit, 0 for none. */
export function toneTranslation(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [vowel, toned] of Object.entries(TONES)) {
    for (const [c, digit] of [[vowel, '0'], ...[...toned].map((t, i) => [t, String(i + 1)])]) {
      for (const x of new Set([c, c.toUpperCase()])) {
        from += x;
        to += digit;
      }
    }
  }
  return { from, to };
}

/** The SQL function's text (the migration holds a copy; a test keeps the two equal). */
export function nameSortKeyFunctionSql(): string {
  const p = primaryTranslation();
  const t = toneTranslation();
  return `CREATE OR REPLACE FUNCTION vn_name_sort_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT coalesce(string_agg(translate(x.word, '${p.from}', '${p.to}') || chr(1) || translate(x.word, '${t.from}', '${t.to}'), chr(2) ORDER BY x.n), '')
    FROM (SELECT CASE WHEN cardinality(w.a) <= 1 THEN w.a
                      ELSE w.a[cardinality(w.a):cardinality(w.a)] || w.a[2:cardinality(w.a) - 1] || w.a[1:1]
                 END AS r
            FROM (SELECT regexp_split_to_array(btrim(lower(normalize(coalesce(name, ''), NFC))), '\\s+') AS a) w) o,
         unnest(o.r) WITH ORDINALITY AS x(word, n)
$fn$`;
}
