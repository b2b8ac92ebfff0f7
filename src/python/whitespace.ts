// Python's str.isspace() set, as a regex class body: what DRF's CharField strips (str.strip()) and
// what `\s` means in Django's regexes. Unlike JS `\s` it includes \x1c-\x1f and \x85, and it does
// not include \ufeff.
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
