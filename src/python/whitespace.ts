// Python's str.isspace() set, as a regex class body: what DRF's CharField strips (str.strip()) and
// what `\s` means in Django's regexes. Unlike JS `\s` it includes \x1c-\x1f and \x85, and it does
// not include \ufeff.
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** One UTF-16 code unit of PY_SPACE, without a regex (for hot paths; a test keeps the two equal). */
export function isPySpace(code: number): boolean {
  if (code <= 0x20) return code >= 0x1c || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}
