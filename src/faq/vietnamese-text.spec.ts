import { describe, expect, it } from '@jest/globals';
import {
  accentKey,
  analyseField,
  analyseQuery,
  cleanText,
  editDistance,
  hasDiacritics,
  isFillerWord,
  isSyllable,
  plainText,
  repairTyping,
  unaccent,
  wordPairs,
} from './vietnamese-text.js';

describe('unaccent and plainText', () => {
  it('remove every Vietnamese mark, đ included, and lower the case', () => {
    expect(unaccent('ĐẢNG PHÍ Ưu Tiên ỨNG DỤNG Quyển')).toBe('dang phi uu tien ung dung quyen');
    expect(unaccent('Nguyễn Văn Đức')).toBe('nguyen van duc');
  });

  it('turn punctuation into single spaces, keep digits, and agree with decomposed input', () => {
    expect(plainText('  Đảng phí: 1% lương?! (Quy định 124-QĐ/TW)  ')).toBe('dang phi 1 luong quy dinh 124 qd tw');
    expect(plainText('đảng phí'.normalize('NFD'))).toBe('dang phi');
    expect(cleanText('Đảng PHÍ, đóng?')).toBe('đảng phí đóng');
  });
});

describe('accentKey', () => {
  it('gives both tone placements of a syllable one key', () => {
    expect(accentKey('khóa')).toBe(accentKey('khoá'));
    expect(accentKey('hòa')).toBe(accentKey('hoà'));
    expect(accentKey('thủy')).toBe(accentKey('thuỷ'));
  });

  it('tells apart syllables that differ only in marks', () => {
    const keys = ['đảng', 'đang', 'đăng', 'dang', 'đổi', 'đợi', 'quyền', 'quyển'].map(accentKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(accentKey('dang')).toBe('dang');
    expect(accentKey('ĐẢNG')).toBe(accentKey('đảng'));
  });

  it('knows which words carry diacritics', () => {
    expect(hasDiacritics('đang')).toBe(true);
    expect(hasDiacritics('dang')).toBe(false);
  });
});

describe('repairTyping', () => {
  it('removes telex and VNI leftovers from what is then a syllable', () => {
    expect(repairTyping('dangr')).toBe('dang');
    expect(repairTyping('phis')).toBe('phi');
    expect(repairTyping('ddangr')).toBe('dang');
    expect(repairTyping('dduwowcj')).toBe('duoc');
    expect(repairTyping('tieengs')).toBe('tieng');
    expect(repairTyping('da8ng3')).toBe('dang');
  });

  it('leaves syllables, numbers and foreign words alone', () => {
    for (const word of ['dang', 'nghieng', 'wifi', 'email', 'zalo', 'facebook', 'password', '124', 'iphone']) {
      expect(repairTyping(word)).toBe(word);
    }
  });

  it('recognises Vietnamese syllables written without marks', () => {
    expect(['dang', 'nghieng', 'khuya', 'quyen', 'gi', 'oai'].every(isSyllable)).toBe(true);
    expect(['dangr', 'wifi', 'phis', 'xyz'].some(isSyllable)).toBe(false);
  });
});

describe('analyseQuery', () => {
  it('expands abbreviations members type', () => {
    expect(analyseQuery('quên mk thì làm sao').plain).toBe('quen mat khau thi lam sao');
    expect(analyseQuery('tk bi khoa ko dang nhap dc').plain).toBe('tai khoan bi khoa khong dang nhap duoc');
  });

  it('marks question phrases and filler words, judging by the diacritics when typed', () => {
    const q = analyseQuery('Cho em hỏi đóng đảng phí như thế nào ạ?');
    expect(q.tokens.filter((t) => !t.stop).map((t) => t.plain)).toEqual(['dong', 'dang', 'phi']);
    // "hội" (a meeting) is not the filler "hỏi" (to ask); unaccented "hoi" is left meaningful
    expect(analyseQuery('hội nghị').tokens.every((t) => !t.stop)).toBe(true);
    expect(analyseQuery('hoi nghi').tokens.every((t) => !t.stop)).toBe(true);
    // "thẻ nào" (which card) keeps the card; "thế nào" (how) does not
    expect(analyseQuery('thẻ nào').tokens[0].stop).toBe(false);
    expect(analyseQuery('thế nào').tokens.every((t) => t.stop)).toBe(true);
    // unaccented words that might be domain words stay meaningful: "chi" (chi bộ), "the" (thẻ)
    expect(analyseQuery('chi bo').tokens[0].stop).toBe(false);
  });

  it('keeps the accent key of what was typed with diacritics, none otherwise', () => {
    const q = analyseQuery('đổi the đảng');
    expect(q.tokens.map((t) => t.accent)).toEqual([accentKey('đổi'), null, accentKey('đảng')]);
    expect(q.plain).toBe('doi the dang');
  });

  it('repairs telex leftovers', () => {
    expect(analyseQuery('dangr phis').plain).toBe('dang phi');
  });

  it('pairs adjacent words, and meaningful words across filler', () => {
    expect(analyseQuery('muốn vào đảng thì cần điều kiện gì').bigrams).toEqual(
      expect.arrayContaining(['vao_dang', 'dang_thi', 'dang_dieu', 'dieu_kien']),
    );
    expect(
      wordPairs([
        { plain: 'la', stop: true },
        { plain: 'gi', stop: true },
      ]),
    ).toEqual([]);
  });

  it('has nothing to analyse in punctuation', () => {
    expect(analyseQuery('?? !!').tokens).toEqual([]);
  });
});

describe('analyseField', () => {
  it('splits a stored phrasing like a query, abbreviations expanded, filler flagged', () => {
    const f = analyseField('Cài app Sổ tay đảng viên như thế nào?');
    expect(f.plain).toEqual(['cai', 'ung', 'dung', 'so', 'tay', 'dang', 'vien', 'nhu', 'the', 'nao']);
    expect(f.filler.slice(-3)).toEqual([true, true, true]);
    expect(f.bigrams.has('so_tay')).toBe(true);
    expect(f.accents.get('dang')).toEqual(new Set([accentKey('đảng')]));
    expect(isFillerWord('được')).toBe(true);
    expect(isFillerWord('đảng')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('dnag', 'dang')).toBe(1);
    expect(editDistance('khua', 'khau')).toBe(1);
    expect(editDistance('dang', 'dang')).toBe(0);
    expect(editDistance('vein', 'vien')).toBe(1);
  });

  it('stops counting past the cap', () => {
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('quyet', 'huong', 2)).toBe(3);
  });
});
