// The parts of Python's urllib.parse.urlsplit that Django's URLValidator relies on, for a value
// that starts with "<scheme>://": the netloc, what follows it, the hostname, and the ValueErrors
// (Python 3.11.4+: brackets must hold a valid IPv6 or IPvFuture address).
import { isIpv4Address } from './is-ipv4-address.js';
import { isIpv6Address } from './is-ipv6-address.js';

export interface SplitUrl {
  /** Everything before the netloc, "http://" included. */
  head: string;
  netloc: string;
  /** Path, query and fragment, as they follow the netloc. */
  tail: string;
  /** SplitResult.hostname: lower-cased, brackets removed; null when empty. */
  hostname: string | null;
}

/** _check_bracketed_host: an IPvFuture literal, else an IPv6 (not IPv4) address. */
function bracketedHostIsValid(host: string): boolean {
  if (/^[vV]/.test(host)) return /^[vV][a-fA-F0-9]+\.[\s\S]+$/.test(host);
  return !isIpv4Address(host) && isIpv6Address(host);
}

/** _check_bracketed_netloc */
function bracketsAreValid(netloc: string): boolean {
  const hostAndPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostAndPort.indexOf('[');
  if (open < 0) return bracketedHostIsValid(hostAndPort.split(':', 1)[0]!);
  if (open > 0) return false; // no data before the bracket
  const close = hostAndPort.indexOf(']');
  const port = close < 0 ? '' : hostAndPort.slice(close + 1);
  if (port !== '' && !port.startsWith(':')) return false;
  return bracketedHostIsValid(close < 0 ? hostAndPort.slice(1) : hostAndPort.slice(1, close));
}

/** _checknetloc: characters that NFKC turns into URL delimiters (℀ -> a/c) are refused. */
function survivesNfkc(netloc: string): boolean {
  if (/^[\x00-\x7f]*$/.test(netloc)) return true;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalized = n.normalize('NFKC');
  return n === normalized || !/[/?#@:]/.test(normalized);
}

/** null where Python raises ValueError. */
export function splitUrl(value: string): SplitUrl | null {
  const start = value.indexOf('://') + 3;
  const rest = value.slice(start);
  const end = rest.search(/[/?#]/);
  const netloc = end < 0 ? rest : rest.slice(0, end);
  if (netloc.includes('[') !== netloc.includes(']')) return null;
  if (netloc.includes('[') && !bracketsAreValid(netloc)) return null;
  if (!survivesNfkc(netloc)) return null;
  const hostInfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const host = hostInfo.includes('[') ? hostInfo.slice(hostInfo.indexOf('[') + 1).split(']', 1)[0]! : hostInfo.split(':', 1)[0]!;
  const percent = host.indexOf('%');
  const hostname = host === '' ? null : percent < 0 ? host.toLowerCase() : host.slice(0, percent).toLowerCase() + host.slice(percent);
  return { head: value.slice(0, start), netloc, tail: end < 0 ? '' : rest.slice(end), hostname };
}
