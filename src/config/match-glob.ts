// Protect patterns: `*` matches any run of characters (also none), `?` exactly one, everything
// else itself. Case-sensitive, like package identity in Waldur. No regex is built from the
// pattern, so a pattern can neither inject regex syntax nor backtrack exponentially.

/** True when `name` matches the glob `pattern` as a whole (case-sensitive). */
export function matchesGlob(name: string, pattern: string): boolean {
  // Code points, so `?` matches one character even outside the BMP.
  const text = Array.from(name);
  const glob = Array.from(pattern);
  let t = 0;
  let g = 0;
  // Last `*` seen and the text position it currently stands for: on a mismatch the star
  // swallows one more character (linear-time greedy matching with one backtrack point).
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    const p = glob[g];
    if (p === '*') {
      star = g;
      starText = t;
      g += 1;
    } else if (p !== undefined && (p === '?' || p === text[t])) {
      t += 1;
      g += 1;
    } else if (star >= 0) {
      starText += 1;
      t = starText;
      g = star + 1;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g += 1;
  return g === glob.length;
}
