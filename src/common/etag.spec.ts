import { describe, expect, it } from '@jest/globals';
import { etagOf, ifNoneMatchHits } from './etag.js';

describe('etagOf', () => {
  it('is a weak tag that changes with the body and only with it', () => {
    const tag = etagOf({ id: 1, title: 'Tin' });
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf({ id: 1, title: 'Tin' })).toBe(tag);
    expect(etagOf({ id: 1, title: 'Tin mới' })).not.toBe(tag);
  });
});

describe('ifNoneMatchHits', () => {
  const tag = 'W/"abc"';
  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    ['"x", W/"abc"', true],
    ['*', true],
    ['W/"abd"', false],
    ['', false],
  ])('If-None-Match: %s → %s', (header, hit) => {
    expect(ifNoneMatchHits(header, tag)).toBe(hit);
  });
  it('misses without the header', () => {
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
  });
});
