// Python's ipaddress.IPv6Address(text) accepts it: 8 hextets of 1-4 hex digits, at most one "::"
// standing for at least one hextet, an IPv4 address as the last 32 bits, an optional "%scope".
import { isIpv4Address } from './is-ipv4-address.js';

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

export function isIpv6Address(text: string): boolean {
  const percent = text.indexOf('%');
  if (percent >= 0) {
    const scope = text.slice(percent + 1);
    if (scope === '' || scope.includes('%')) return false;
    return isIpv6Address(text.slice(0, percent));
  }
  if (text === '') return false;
  const parts = text.split(':');
  if (parts.length < 3) return false;
  if (parts[parts.length - 1]!.includes('.')) {
    if (!isIpv4Address(parts.pop()!)) return false;
    parts.push('0', '0'); // the 32 bits of the IPv4 address, as two hextets
  }
  if (parts.length > 9) return false;
  let skip = -1;
  for (let i = 1; i < parts.length - 1; i += 1) {
    if (parts[i] !== '') continue;
    if (skip >= 0) return false; // more than one "::"
    skip = i;
  }
  let hi: number;
  let lo: number;
  if (skip >= 0) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (parts[0] === '' && --hi > 0) return false; // a leading ":" only as part of "::"
    if (parts[parts.length - 1] === '' && --lo > 0) return false;
    if (8 - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== 8 || parts[0] === '' || parts[parts.length - 1] === '') return false;
    hi = parts.length;
    lo = 0;
  }
  return [...parts.slice(0, hi), ...parts.slice(parts.length - lo)].every((h) => HEXTET.test(h));
}
