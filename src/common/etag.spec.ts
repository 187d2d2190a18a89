import { describe, expect, it } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, ifNoneMatchHits, sendWithEtag } from './etag.js';

function fakeReply() {
  const headers: Record<string, string> = {};
  let status = 200;
  const reply = {
    header(name: string, value: string) {
      headers[name.toLowerCase()] = value;
      return reply;
    },
    status(code: number) {
      status = code;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers, status: () => status };
}

const request = (ifNoneMatch?: string) =>
  ({ headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }) as FastifyRequest;

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

describe('sendWithEtag', () => {
  const body = { items: [], nextCursor: null };

  it('returns the body with its ETag and a private, revalidate-each-time cache policy', () => {
    const { reply, headers, status } = fakeReply();
    expect(sendWithEtag(request(), reply, body)).toBe(body);
    expect(headers.etag).toBe(etagOf(body));
    expect(headers['cache-control']).toBe('private, no-cache');
    expect(status()).toBe(200);
  });

  it('answers 304 without a body when the client holds the same version', () => {
    const { reply, headers, status } = fakeReply();
    expect(sendWithEtag(request(etagOf(body)), reply, body)).toBeUndefined();
    expect(status()).toBe(304);
    expect(headers.etag).toBe(etagOf(body));
  });

  it('sends the new version when the client holds an old one', () => {
    const { reply, status } = fakeReply();
    expect(sendWithEtag(request(etagOf({ old: true })), reply, body)).toBe(body);
    expect(status()).toBe(200);
  });
});
