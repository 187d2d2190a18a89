import { describe, expect, it } from '@jest/globals';
import {
  ANSWER_THRESHOLD,
  SUGGESTION_FLOOR,
  lexemesOf,
  longestCommonRun,
  prepareQuery,
  rankCandidates,
  topicOf,
  vocabularyOf,
  type CorpusStats,
  type FaqCandidate,
} from './faq-answer.service.js';
import { analyseField, analyseQuery } from './vietnamese-text.js';

const entry = (id: string, question: string, keywords: string[] = []): FaqCandidate => ({
  id,
  question,
  answer: `Trả lời ${id}`,
  keywords,
  trigram: 0,
  trigramInQuestion: 0,
});

const CORPUS = [
  entry('dues', 'Mức đóng đảng phí hằng tháng là bao nhiêu?', ['đóng đảng phí bao nhiêu', 'mức đảng phí', 'đảng phí 1% lương']),
  entry('lost-card', 'Bị mất thẻ đảng thì làm thế nào?', ['mất thẻ đảng', 'đổi thẻ đảng', 'cấp lại thẻ đảng']),
  entry('card-wait', 'Khi nào được phát thẻ đảng?', ['phát thẻ đảng', 'đợi thẻ đảng bao lâu', 'chờ thẻ đảng']),
  entry('password', 'Quên mật khẩu đăng nhập thì làm sao?', ['quên mật khẩu', 'lấy lại mật khẩu']),
  entry('transfer', 'Thủ tục chuyển sinh hoạt đảng chính thức?', ['chuyển sinh hoạt đảng', 'chuyển hồ sơ đảng viên']),
];

/** Document frequencies computed from the candidates themselves, as the database would. */
function statsOf(candidates: FaqCandidate[], lexemes: string[]): CorpusStats {
  const documentFrequency = new Map<string, number>();
  for (const lexeme of lexemes) {
    const n = candidates.filter((c) =>
      [c.question, ...c.keywords].map(analyseField).some((f) => f.plain.includes(lexeme) || f.bigrams.has(lexeme)),
    ).length;
    documentFrequency.set(lexeme, n);
  }
  return { entries: candidates.length, documentFrequency };
}

function rank(q: string, candidates = CORPUS) {
  const prepared = prepareQuery(analyseQuery(q), vocabularyOf(candidates));
  return rankCandidates(prepared, candidates, statsOf(candidates, lexemesOf(prepared, candidates)));
}

describe('rankCandidates', () => {
  it('answers a question typed with or without diacritics, with a typo or telex leftovers', () => {
    for (const q of ['đóng đảng phí bao nhiêu', 'dong dang phi bao nhieu', 'dong dnag phi bao nhieu', 'dongs dangr phis bao nhieu']) {
      const [best] = rank(q);
      expect([q, best.id]).toEqual([q, 'dues']);
      expect(best.score).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    }
  });

  it('ranks the entry spelled with the diacritics as typed above an unaccented look-alike', () => {
    expect(rank('đổi thẻ đảng')[0].id).toBe('lost-card');
    expect(rank('đợi thẻ đảng')[0].id).toBe('card-wait');
    const plain = rank('doi the dang').slice(0, 2).map((r) => r.id);
    expect(plain.sort()).toEqual(['card-wait', 'lost-card']);
  });

  it('scores in [0,1] with three decimals, best first', () => {
    const ranked = rank('quên mật khẩu');
    expect(ranked[0].id).toBe('password');
    for (let i = 0; i < ranked.length; i++) {
      expect(ranked[i].score).toBeGreaterThanOrEqual(0);
      expect(ranked[i].score).toBeLessThanOrEqual(1);
      expect(Math.round(ranked[i].score * 1000)).toBe(ranked[i].score * 1000);
      if (i) expect(ranked[i].score).toBeLessThanOrEqual(ranked[i - 1].score);
    }
  });

  it('keeps off-topic questions below the threshold', () => {
    for (const q of ['thời tiết hôm nay thế nào', 'giá vàng hôm nay', 'cách nấu phở bò', 'ket qua bong da']) {
      const best = rank(q)[0]?.score ?? 0;
      expect([q, best < ANSWER_THRESHOLD]).toEqual([q, true]);
    }
  });

  it('does not answer a single common word, which says too little', () => {
    expect(rank('đảng')[0].score).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('finds the point of a long question among its context', () => {
    const [best] = rank('cho em hỏi ạ, em công tác ở huyện mới chuyển lên tỉnh thì chuyển sinh hoạt đảng thế nào ạ');
    expect(best.id).toBe('transfer');
    expect(best.score).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('weighs a foreign name the entries do not know: another product\'s password is not ours', () => {
    expect(rank('lấy lại mật khẩu')[0].score).toBeGreaterThan(rank('lấy lại mật khẩu facebook')[0].score);
  });

  it('has a suggestion floor below the threshold', () => {
    expect(SUGGESTION_FLOOR).toBeLessThan(ANSWER_THRESHOLD);
  });
});

describe('prepareQuery', () => {
  const vocabulary = vocabularyOf(CORPUS);

  it('corrects a typo against the entries\' words, and splits two syllables typed together', () => {
    const prepared = prepareQuery(analyseQuery('dnag phi'), vocabulary);
    expect(prepared.tokens.map((t) => [t.plain, t.corrected])).toEqual([
      ['dang', true],
      ['phi', false],
    ]);
    expect(prepareQuery(analyseQuery('dangphi'), vocabulary).tokens.map((t) => t.plain)).toEqual(['dang', 'phi']);
    expect(prepareQuery(analyseQuery('dnag phi'), vocabulary).bigrams).toContain('dang_phi');
  });

  it('leaves alone what it cannot correct, and the words it knows', () => {
    expect(prepareQuery(analyseQuery('facebook'), vocabulary).tokens[0]).toMatchObject({ plain: 'facebook', corrected: false });
    expect(prepareQuery(analyseQuery('thẻ đảng'), vocabulary).tokens.every((t) => !t.corrected)).toBe(true);
  });
});

describe('helpers', () => {
  it('longestCommonRun finds the longest shared run of words in order', () => {
    expect(longestCommonRun(['thu', 'tuc', 'chuyen', 'dang', 'chinh', 'thuc'], ['chuyen', 'dang', 'chinh', 'thuc'])).toBe(4);
    expect(longestCommonRun(['a', 'b'], ['b', 'a'])).toBe(1);
    expect(longestCommonRun([], ['a'])).toBe(0);
  });

  it('topicOf names the meaningful words of at least half the phrasings', () => {
    const fields = [CORPUS[1].question, ...CORPUS[1].keywords].map(analyseField);
    expect(topicOf({ fields, words: new Set(), bigrams: new Set(), accents: new Map() }).sort()).toEqual(['dang', 'mat', 'the']);
  });

  it('lexemesOf asks for the question\'s meaningful words, its pairs and the candidates\' topics', () => {
    const lexemes = lexemesOf(prepareQuery(analyseQuery('đổi thẻ đảng ở đâu'), vocabularyOf(CORPUS)), CORPUS);
    expect(lexemes).toEqual(expect.arrayContaining(['doi', 'the', 'dang', 'doi_the', 'the_dang', 'phi', 'mat', 'khau']));
    expect(lexemes).not.toContain('dau');
  });
});

describe('questions made of JavaScript property names', () => {
  it('treats "constructor", "__proto__", "toString" and "hasOwnProperty" as words, not as keys of a table', () => {
    const raw = 'constructor prototype __proto__ toString hasOwnProperty valueOf';
    const query = analyseQuery(raw);
    expect(query.tokens.map((t) => t.plain)).toEqual(['constructor', 'prototype', 'proto', 'tostring', 'hasownproperty', 'valueof']);
    const candidates = [entry('a', 'Cấp lại thẻ đảng bị mất', ['constructor'])];
    const prepared = prepareQuery(query, vocabularyOf(candidates));
    const stats: CorpusStats = { entries: 1, documentFrequency: new Map() };
    expect(() => rankCandidates(prepared, candidates, stats)).not.toThrow();
    expect(analyseField(raw).plain).toContain('constructor');
  });
});
