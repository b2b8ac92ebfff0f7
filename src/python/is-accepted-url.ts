// Django 4.2's URLValidator with Waldur's schemes (http, https, ftp, ftps), transcribed from
// django/core/validators.py and django/utils/ipv6.py (4.2.x with its security releases: 2,048
// characters at most, IPv6 literals of 39 characters at most). A homepage it rejects makes
// Waldur answer 400, so such a value must become null before it is sent.
import { encodeIdna } from './encode-idna.js';
import { isIpv6Address } from './is-ipv6-address.js';
import { splitUrl } from './split-url.js';
import { PY_SPACE } from './whitespace.js';

// The regex runs on code points ('u') like Python's. Python's IGNORECASE also lets ı and İ match
// [a-z] (sre maps them to i); JS case folding does not, so the one ASCII-only class lists them.
const UL = '\\u00a1-\\uffff';
const IPV4 = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6 = '\\[[0-9a-f:.]+\\]';
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9\\u0130\\u0131]{1,59})(?<!-)\\.?`;
const HOST = `(?:${HOSTNAME}${DOMAIN}${TLD}|localhost)`;
const URL_RE = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^${PY_SPACE}:@/]+(?::[^${PY_SPACE}:@/]*)?@)?(?:${IPV4}|${IPV6}|${HOST})(?::[0-9]{1,5})?(?:[/?#][^${PY_SPACE}]*)?$`,
  'iu',
);
const BRACKETED_HOST = /^\[(.+)\](?::[0-9]{1,5})?$/su;
const SCHEMES = new Set(['http', 'https', 'ftp', 'ftps']);
const MAX_LENGTH = 2048;
const MAX_IPV6_LENGTH = 39;
const MAX_HOSTNAME_LENGTH = 253;

const SURROGATE = /[\ud800-\udfff]/;

/** Python's len(): code points. */
const pyLength = (text: string): number => (SURROGATE.test(text) ? [...text].length : text.length);

/**
 * True when Waldur's URLValidator accepts the value. The steps are Django's: length, no tab or
 * newline, scheme, urlsplit, the regex (and on failure once more with the netloc in IDNA form),
 * a bracketed host must be a valid IPv6 address, the hostname at most 253 characters.
 */
export function isAcceptedUrl(value: string): boolean {
  if (value.length > MAX_LENGTH * 2 || pyLength(value) > MAX_LENGTH) return false;
  if (/[\t\r\n]/.test(value)) return false;
  if (!SCHEMES.has(value.split('://', 1)[0]!.toLowerCase())) return false;
  const split = splitUrl(value);
  if (!split) return false;
  if (URL_RE.test(value)) {
    const bracketed = BRACKETED_HOST.exec(split.netloc);
    if (bracketed && (pyLength(bracketed[1]!) > MAX_IPV6_LENGTH || !isIpv6Address(bracketed[1]!))) return false;
  } else {
    let ace: string;
    try {
      ace = encodeIdna(split.netloc);
    } catch {
      return false;
    }
    if (!URL_RE.test(`${split.head}${ace}${split.tail}`)) return false;
  }
  return split.hostname !== null && pyLength(split.hostname) <= MAX_HOSTNAME_LENGTH;
}
