// Values are compared and sent exactly as Waldur stores them, so a no-op resync writes nothing.

import { isAcceptedUrl } from './python/is-accepted-url.js';
import { isPySpace, PY_SPACE } from './python/whitespace.js';

const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** Python `str.strip()` with no arguments. */
export function pyStrip(value: string): string {
  // Fast path for the usual case (millions of target fields in a large catalog): nothing to strip
  // unless an end is a space, and the regex's end-anchored branch would scan the whole string.
  if (value === '' || (!isPySpace(value.charCodeAt(0)) && !isPySpace(value.charCodeAt(value.length - 1)))) return value;
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
  // Waldur validates with Django's URLValidator: what it rejects would fail the package with a 400.
  if (!isAcceptedUrl(value)) return { value: null, warning: `homepage is not a valid URL: ${JSON.stringify(value.slice(0, 80))}` };
  return { value };
}

/** Homepage read back from the API: "" and null mean the same thing. */
export function homepageFromApi(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const stripped = pyStrip(value);
  return stripped === '' ? null : stripped;
}
