import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../bootstrap.js';
import {
  ANSWER_THRESHOLD,
  SUGGESTION_FLOOR,
  answerFrom,
  buildIndex,
  longestCommonRun,
  prepareQuery,
  rank as rankIndex,
  topicOf,
  type FaqEntryText,
} from './faq-ranker.js';
import { isNearTopic } from './near-topic.js';
import { analyseField, analyseQuery } from './vietnamese-text.js';

const entry = (id: string, question: string, keywords: string[] = [], answer = `Trả lời ${id}`): FaqEntryText => ({
  id,
  question,
  answer,
  keywords,
});

const CORPUS = [
  entry('dues', 'Mức đóng đảng phí hằng tháng là bao nhiêu?', ['đóng đảng phí bao nhiêu', 'mức đảng phí', 'đảng phí 1% lương']),
  entry('lost-card', 'Bị mất thẻ đảng thì làm thế nào?', ['mất thẻ đảng', 'đổi thẻ đảng', 'cấp lại thẻ đảng']),
  entry('card-wait', 'Khi nào được phát thẻ đảng?', ['phát thẻ đảng', 'đợi thẻ đảng bao lâu', 'chờ thẻ đảng']),
  entry('password', 'Quên mật khẩu đăng nhập thì làm sao?', ['quên mật khẩu', 'lấy lại mật khẩu']),
  entry('transfer', 'Thủ tục chuyển sinh hoạt đảng chính thức?', ['chuyển sinh hoạt đảng', 'chuyển hồ sơ đảng viên']),
  entry(
    'pay-online',
    'Có thể nộp đảng phí trực tuyến không?',
    ['nộp đảng phí online'],
    'Có. Đảng viên có thể nộp qua Cổng Dịch vụ công, thanh toán bằng tài khoản ngân hàng hoặc ví điện tử.',
  ),
  entry(
    'exemption',
    'Đảng viên nào được miễn sinh hoạt đảng?',
    ['miễn sinh hoạt đảng'],
    'Đảng viên tuổi cao, sức khỏe yếu có thể làm đơn xin miễn.',
  ),
];
const INDEX = buildIndex(CORPUS);

function rank(q: string, entries = CORPUS) {
  return rankIndex(entries === CORPUS ? INDEX : buildIndex(entries), analyseQuery(q));
}

describe('rank', () => {
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
    const plain = rank('doi the dang')
      .slice(0, 2)
      .map((r) => r.id);
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

  it('does not answer words found in most entries, which say too little ("đảng viên", "chi bộ"), but a subject', () => {
    const demo = buildIndex(JSON.parse(readFileSync(join(REPO_ROOT, 'src/demo/faq-entries.json'), 'utf8')) as FaqEntryText[]);
    for (const q of ['đảng', 'đảng viên', 'chi bộ', 'dang vien'])
      expect([q, answerFrom(demo, analyseQuery(q)).answered]).toEqual([q, false]);
    expect(answerFrom(demo, analyseQuery('đảng phí')).answered).toBe(true);
  });

  it('finds the point of a long question among its context', () => {
    const [best] = rank('cho em hỏi ạ, em công tác ở huyện mới chuyển lên tỉnh thì chuyển sinh hoạt đảng thế nào ạ');
    expect(best.id).toBe('transfer');
    expect(best.score).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it("weighs a foreign name the entries do not know: another product's password is not ours", () => {
    expect(rank('lấy lại mật khẩu')[0].score).toBeGreaterThan(rank('lấy lại mật khẩu facebook')[0].score);
  });

  it('has a suggestion floor below the threshold', () => {
    expect(SUGGESTION_FLOOR).toBeLessThan(ANSWER_THRESHOLD);
  });
});

describe('what a question as members ask it needs', () => {
  it('uses the words of the answer, below those of the question', () => {
    // "ví điện tử" stands only in the answer of pay-online
    expect(rank('đóng đảng phí bằng ví điện tử được không')[0].id).toBe('pay-online');
    expect(rank('ông tôi tuổi cao sức khỏe yếu thì sinh hoạt thế nào')[0].id).toBe('exemption');
    // a phrasing of the question outweighs the same words in an answer
    const withAnswer = buildIndex([entry('q', 'Đổi mật khẩu', []), entry('a', 'Cài đặt', [], 'đổi mật khẩu trong mục Cá nhân')]);
    expect(rankIndex(withAnswer, analyseQuery('đổi mật khẩu')).map((r) => r.id)).toEqual(['q', 'a']);
  });

  it('expands the abbreviations of Party usage and drops spoken fillers', () => {
    expect(rank('cho cháu hỏi chuyen sh dang chinh thuc lam ntn a')[0].id).toBe('transfer');
    expect(answerFrom(INDEX, analyseQuery('dv dong dp bn 1 thang ạ')).matches[0].id).toBe('dues');
    expect(analyseQuery('chi bộ trực thuộc ĐU cơ sở').plain).toBe('chi bo truc thuoc dang uy co so');
    expect(analyseQuery('du học').plain).toBe('du hoc');
  });

  it('refuses a question about another app or a civil procedure that shares words with an entry', () => {
    for (const q of [
      'quên mật khẩu facebook',
      'quen mat khau zalo lay lai the nao',
      'mất thẻ ngân hàng làm lại ở đâu',
      'thủ tục chuyển hộ khẩu sang tỉnh khác',
    ]) {
      expect([q, answerFrom(INDEX, analyseQuery(q)).answered]).toEqual([q, false]);
    }
    // …unless it speaks of the Party: paying dues through a bank is ours
    expect(answerFrom(INDEX, analyseQuery('nộp đảng phí qua ngân hàng được không')).matches[0].id).toBe('pay-online');
    expect(isNearTopic(analyseQuery('dong dang phi qua app ngan hang dc ko').tokens)).toBe(false);
    expect(isNearTopic(analyseQuery('chuyen tien qua ngan hang').tokens)).toBe(true);
    expect(isNearTopic(analyseQuery('tài khoản zalo đăng nhập không được').tokens)).toBe(true);
  });
});

describe('prepareQuery', () => {
  it("corrects a typo against the entries' words, and splits two syllables typed together", () => {
    const prepared = prepareQuery(analyseQuery('dnag phi'), INDEX);
    expect(prepared.tokens.map((t) => [t.plain, t.corrected])).toEqual([
      ['dang', true],
      ['phi', false],
    ]);
    expect(prepareQuery(analyseQuery('dangphi'), INDEX).tokens.map((t) => t.plain)).toEqual(['dang', 'phi']);
    expect(prepareQuery(analyseQuery('dnag phi'), INDEX).bigrams).toContain('dang_phi');
  });

  it('leaves alone what it cannot correct, and the words it knows', () => {
    expect(prepareQuery(analyseQuery('facebook'), INDEX).tokens[0]).toMatchObject({ plain: 'facebook', corrected: false });
    expect(prepareQuery(analyseQuery('thẻ đảng'), INDEX).tokens.every((t) => !t.corrected)).toBe(true);
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
    expect(topicOf(fields).sort()).toEqual(['dang', 'mat', 'the']);
  });
});

describe('questions made of JavaScript property names', () => {
  it('treats "constructor", "__proto__", "toString" and "hasOwnProperty" as words, not as keys of a table', () => {
    const raw = 'constructor prototype __proto__ toString hasOwnProperty valueOf';
    const query = analyseQuery(raw);
    expect(query.tokens.map((t) => t.plain)).toEqual(['constructor', 'prototype', 'proto', 'tostring', 'hasownproperty', 'valueof']);
    const index = buildIndex([entry('a', 'Cấp lại thẻ đảng bị mất', ['constructor'])]);
    expect(() => rankIndex(index, query)).not.toThrow();
    expect(rankIndex(buildIndex([entry('b', 'Thẻ đảng', [])]), query)).toEqual([]);
    expect(analyseField(raw).plain).toContain('constructor');
  });
});
