// Values are compared and sent exactly as Waldur stores them, so a no-op resync writes nothing.

// Python's str.isspace() set: what DRF's CharField strips with str.strip(). Unlike JS trim()
// it includes \x1c-\x1f and \x85, and it does not include \ufeff.
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`);

/** Python `str.strip()` with no arguments. */
export function pyStrip(value: string): string {
  // Fast path for the usual case (millions of target fields in a large catalog): nothing to strip
  // unless an end is a space, and the regex's end-anchored branch would scan the whole string.
  if (value === '' || (!PY_SPACE_CHAR.test(value[0]!) && !PY_SPACE_CHAR.test(value[value.length - 1]!))) return value;
  return value.replace(PY_STRIP, '');
}

/** DRF rejects NUL characters in strings with a 400; we drop them instead of failing the package. */
export function removeNul(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', '') : value;
}

/** A text field as Waldur would store it. */
export function normalizeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return pyStrip(removeNul(value));
}

const SURROGATE = /[\ud800-\udfff]/;

/** Length as Python and Django count it (code points), which is what Waldur's max_length limits. */
export function charLength(value: string): number {
  return SURROGATE.test(value) ? [...value].length : value.length;
}

export const MAX_NAME_LENGTH = 200;
export const MAX_HOMEPAGE_LENGTH = 200;

// Django's URLValidator (schemes http, https, ftp, ftps), transcribed so that whatever we send
// is accepted: a homepage Waldur would reject must become null instead of failing the package.
const UL = '\\u00a1-\\uffff';
const IPV4 =
  '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6 = '\\[[0-9a-f:.]+\\]';
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?`;
const HOST = `(${HOSTNAME}${DOMAIN}${TLD}|localhost)`;
// Django's `\s` is Python's (it includes \x1c-\x1f and \x85, not \ufeff): JS `\s` differs.
const URL_RE = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^${PY_SPACE}:@/]+(?::[^${PY_SPACE}:@/]*)?@)?(?:${IPV4}|${IPV6}|${HOST})(?::[0-9]{1,5})?(?:[/?#][^${PY_SPACE}]*)?$`,
  'i',
);
const SCHEMES = new Set(['http', 'https', 'ftp', 'ftps']);

/** True when Django's URLValidator (as Waldur configures it) accepts the value. */
export function isAcceptedUrl(value: string): boolean {
  if (value.length === 0 || value.length > 2048) return false;
  if (/[\t\r\n]/.test(value)) return false;
  const scheme = value.split('://', 1)[0]!.toLowerCase();
  if (!SCHEMES.has(scheme) || !value.includes('://')) return false;
  if (!URL_RE.test(value)) return false;
  // Django also caps the host name at 253 characters.
  const afterScheme = value.slice(value.indexOf('://') + 3);
  const netloc = afterScheme.split(/[/?#]/, 1)[0]!;
  const host = netloc.slice(netloc.lastIndexOf('@') + 1).replace(/:[0-9]{1,5}$/, '');
  return host.length <= 253;
}

export type HomepageResult = { value: string | null; warning?: string };

/** The homepage to send: a URL Waldur accepts (at most 200 characters), else null with a reason. */
export function normalizeHomepage(raw: unknown): HomepageResult {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw !== 'string') return { value: null, warning: `homepage is not a string (${typeof raw})` };
  const value = normalizeText(raw);
  if (value === '') return { value: null };
  if (charLength(value) > MAX_HOMEPAGE_LENGTH) {
    return { value: null, warning: `homepage longer than ${MAX_HOMEPAGE_LENGTH} characters` };
  }
  if (!isAcceptedUrl(value)) return { value: null, warning: `homepage is not a valid URL: ${JSON.stringify(value.slice(0, 80))}` };
  return { value };
}

/** Homepage read back from the API: "" and null mean the same thing. */
export function homepageFromApi(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const stripped = pyStrip(value);
  return stripped === '' ? null : stripped;
}
