// Nameprep (RFC 3491) as Python's encodings.idna applies it to one label: map, fold case,
// NFKC, prohibit, check bidi. Python uses Unicode 3.2 tables; this uses the engine's Unicode:
// - case folding (table B.2) is toUpperCase().toLowerCase() around NFKC, which gives the same
//   result for what B.2 covers (ß -> ss, ς -> σ, 𝐀 -> a), except dotless ı that B.2 keeps;
// - unassigned code points pass, as in Python (AllowUnassigned);
// - table D.2 (left-to-right characters) is approximated by letters and spacing marks of
//   left-to-right scripts; it only matters for labels that also hold Hebrew or Arabic letters.
// Throws a TypeError for what Python rejects with UnicodeError.

/** Table B.1: mapped to nothing. */
const MAP_TO_NOTHING = /[\u00ad\u034f\u1806\u180b-\u180d\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]/gu;

/** Tables C.1.2, C.2.2, C.3 to C.9. */
const PROHIBITED = new RegExp(
  [
    '[\\u00a0\\u1680\\u2000-\\u200b\\u202f\\u205f\\u3000', // C.1.2 non-ASCII space
    '\\u0080-\\u009f\\u06dd\\u070f\\u180e\\u200c\\u200d\\u2028\\u2029\\u2060-\\u2063\\u206a-\\u206f\\ufeff\\ufff9-\\ufffc\\u{1d173}-\\u{1d17a}', // C.2.2
    '\\ue000-\\uf8ff\\u{f0000}-\\u{ffffd}\\u{100000}-\\u{10fffd}', // C.3 private use
    '\\ufdd0-\\ufdef\\ufffe\\uffff\\u{1fffe}\\u{1ffff}\\u{2fffe}\\u{2ffff}\\u{3fffe}\\u{3ffff}\\u{4fffe}\\u{4ffff}\\u{5fffe}\\u{5ffff}',
    '\\u{6fffe}\\u{6ffff}\\u{7fffe}\\u{7ffff}\\u{8fffe}\\u{8ffff}\\u{9fffe}\\u{9ffff}\\u{afffe}\\u{affff}\\u{bfffe}\\u{bffff}',
    '\\u{cfffe}\\u{cffff}\\u{dfffe}\\u{dffff}\\u{efffe}\\u{effff}\\u{ffffe}\\u{fffff}\\u{10fffe}\\u{10ffff}', // C.4 non-characters
    '\\ud800-\\udfff', // C.5 surrogates
    '\\ufff9-\\ufffd', // C.6
    '\\u2ff0-\\u2ffb', // C.7
    '\\u0340\\u0341\\u200e\\u200f\\u202a-\\u202e', // C.8
    '\\u{e0001}\\u{e0020}-\\u{e007f}]', // C.9 tagging
  ].join(''),
  'u',
);

/** Table D.1: right-to-left characters (bidi R and AL in Unicode 3.2). */
const RAND_AL = new RegExp(
  '[\\u05be\\u05c0\\u05c3\\u05d0-\\u05ea\\u05f0-\\u05f4\\u061b\\u061f\\u0621-\\u063a\\u0640-\\u064a\\u066d-\\u066f' +
    '\\u0671-\\u06d5\\u06dd\\u06e5\\u06e6\\u06fa-\\u06fe\\u0700-\\u070d\\u0710\\u0712-\\u072c\\u0780-\\u07a5\\u07b1' +
    '\\u200f\\ufb1d\\ufb1f-\\ufb28\\ufb2a-\\ufb36\\ufb38-\\ufb3c\\ufb3e\\ufb40\\ufb41\\ufb43\\ufb44\\ufb46-\\ufbb1' +
    '\\ufbd3-\\ufd3d\\ufd50-\\ufd8f\\ufd92-\\ufdc7\\ufdf0-\\ufdfc\\ufe70-\\ufe74\\ufe76-\\ufefc]',
  'u',
);

/** Approximates table D.2 (bidi L): letters and spacing marks outside the right-to-left scripts. */
const LEFT_TO_RIGHT = /(?![\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}])[\p{L}\p{Mc}]/u;

function foldCase(text: string): string {
  let out = '';
  for (const c of text) out += c === '\u0131' ? c : c.toUpperCase().toLowerCase();
  return out;
}

export function nameprep(label: string): string {
  const mapped = foldCase(foldCase(label.replace(MAP_TO_NOTHING, '')).normalize('NFKC')).normalize('NFKC');
  const bad = PROHIBITED.exec(mapped);
  if (bad) throw new TypeError(`invalid character U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')}`);
  const chars = Array.from(mapped);
  if (chars.some((c) => RAND_AL.test(c))) {
    if (chars.some((c) => !RAND_AL.test(c) && LEFT_TO_RIGHT.test(c))) throw new TypeError('violation of BIDI requirement 2');
    if (!RAND_AL.test(chars[0]!) || !RAND_AL.test(chars[chars.length - 1]!)) throw new TypeError('violation of BIDI requirement 3');
  }
  return mapped;
}
