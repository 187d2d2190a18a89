import { describe, expect, it } from '@jest/globals';
import { anonymizeAddress } from './client-address.js';

describe('anonymizeAddress', () => {
  it('keeps only the network of an address', () => {
    expect(anonymizeAddress('203.113.45.67')).toBe('203.113.45.0');
    expect(anonymizeAddress('::ffff:10.1.2.3')).toBe('10.1.2.0');
    expect(anonymizeAddress('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe('2001:db8:85a3::');
    expect(anonymizeAddress('2001:db8::1')).toBe('2001:db8:0::');
  });
  it('answers null for nothing or garbage', () => {
    expect(anonymizeAddress(undefined)).toBeNull();
    expect(anonymizeAddress('not-an-ip')).toBeNull();
  });
});
