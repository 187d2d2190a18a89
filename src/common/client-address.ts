import { isIPv4, isIPv6 } from 'node:net';

/**
 * Client addresses are personal data; nothing stores them raw. Like Matomo's anonymisation, an IPv4
 * address keeps its /24 network (the last byte zeroed) and an IPv6 address its /48.
 */
export function anonymizeAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  const v4 = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.replace(/\.\d+$/, '.0');
  if (isIPv6(address)) {
    const full = expandIPv6(address);
    return `${full.slice(0, 3).join(':')}::`;
  }
  return null;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = address.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((p) => p.toLowerCase().replace(/^0+(?=.)/, ''));
}
