import { describe, expect, it } from '@jest/globals';
import { collapseKey, fitPayload, truncateUtf8 } from './push-payload.js';

describe('push payload', () => {
  it('cuts UTF-8 text between characters, never inside one', () => {
    expect(truncateUtf8('Đảng', 2)).toBe('Đ'); // Đ is 2 bytes, ả 3
    expect(truncateUtf8('Đảng', 4)).toBe('Đ');
    expect(truncateUtf8('Đảng', 5)).toBe('Đả');
    expect(truncateUtf8('Đảng', 100)).toBe('Đảng');
  });

  it('leaves a message that fits alone, and writes Vietnamese typed with combining marks in composed form', () => {
    const decomposed = 'Đảng viên'.normalize('NFD');
    const encoded = fitPayload({ notificationId: 'n', title: decomposed, body: 'ngắn' }, 4096, (title, body) =>
      JSON.stringify({ title, body }),
    );
    expect(JSON.parse(encoded)).toEqual({ title: 'Đảng viên'.normalize('NFC'), body: 'ngắn' });
  });

  it('shortens the body, then the title, with "…", until the encoded payload fits', () => {
    const encode = (title: string, body: string) => JSON.stringify({ title, body, extra: '"quoted"' });
    const long = { notificationId: 'n', title: 'Tiêu đề "dài" '.repeat(30), body: 'Nội dung "có ngoặc kép" '.repeat(100) };
    const bodyCut = JSON.parse(fitPayload(long, 1000, encode)) as { title: string; body: string };
    expect(Buffer.byteLength(encode(bodyCut.title, bodyCut.body))).toBeLessThanOrEqual(1000);
    expect(bodyCut.title).toBe(long.title);
    expect(bodyCut.body.endsWith('…')).toBe(true);
    const both = JSON.parse(fitPayload(long, 200, encode)) as { title: string; body: string };
    expect(Buffer.byteLength(encode(both.title, both.body))).toBeLessThanOrEqual(200);
    expect(both.body).toBe('');
    expect(both.title.endsWith('…')).toBe(true);
  });

  it('makes a collapse key of at most 32 base64url characters, the same for the same notification', () => {
    expect(collapseKey('0b9f3c1e-5a8d-4f3e-9c61-2f4b7d8e9a10')).toBe('0b9f3c1e5a8d4f3e9c612f4b7d8e9a10');
    const hashed = collapseKey('bulletin:123456789012345678901234567890');
    expect(hashed).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(collapseKey('bulletin:123456789012345678901234567890')).toBe(hashed);
  });
});
