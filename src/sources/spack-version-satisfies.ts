// Spack version constraints, as far as matrix `exclude` entries need them: `1.2` (1.2 and its
// sub-versions 1.2.x), `=1.2` (exactly), `1.2:1.4`, `1.2:`, `:1.4` (inclusive, sub-versions of
// the upper bound included), and comma-separated unions of these.

// Versions Spack orders above every numbered release.
const INFINITY = ['stable', 'trunk', 'head', 'master', 'main', 'develop'];

type Segment = number | string;

function segments(version: string): Segment[] {
  return (version.match(/\d+|[A-Za-z]+/g) ?? []).map((s) => (/^\d/.test(s) ? Number(s) : s));
}

function compareSegment(a: Segment, b: Segment): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const rank = INFINITY.indexOf(a) - INFINITY.indexOf(b);
    if (rank !== 0) return rank;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // A number is above an ordinary word (1.2 > 1.2beta), below the "infinity" names.
  const word = (typeof a === 'string' ? a : b) as string;
  const numberWins = INFINITY.includes(word) ? -1 : 1;
  return typeof a === 'number' ? numberWins : -numberWins;
}

function compare(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const c = compareSegment(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function isPrefix(prefix: Segment[], of: Segment[]): boolean {
  return prefix.length <= of.length && prefix.every((s, i) => s === of[i]);
}

interface Range {
  low: Segment[] | null;
  high: Segment[] | null;
  /** `=1.2`: the upper bound does not include sub-versions. */
  exact: boolean;
}

function ranges(constraint: string): Range[] {
  return constraint.split(',').map((part) => {
    const text = part.trim();
    if (text.startsWith('=')) {
      const v = segments(text.slice(1));
      return { low: v, high: v, exact: true };
    }
    const colon = text.indexOf(':');
    if (colon < 0) {
      const v = segments(text);
      return { low: v, high: v, exact: false };
    }
    const low = text.slice(0, colon).trim();
    const high = text.slice(colon + 1).trim();
    return { low: low === '' ? null : segments(low), high: high === '' ? null : segments(high), exact: false };
  });
}

function within(inner: Range, outer: Range): boolean {
  if (outer.low !== null && (inner.low === null || compare(inner.low, outer.low) < 0)) return false;
  if (outer.high === null) return true;
  if (inner.high === null) return false;
  const order = compare(inner.high, outer.high);
  if (outer.exact) return inner.exact && order === 0;
  // Up to 1.4 includes 1.4.x: anything in the upper bound's family is in.
  if (isPrefix(outer.high, inner.high)) return true;
  // Below the bound, unless the inner range reaches past it (1.2 includes 1.2.9 > 1.2.5).
  return order < 0 && (inner.exact || !isPrefix(inner.high, outer.high));
}

/**
 * True when every version the `constraint` allows is also allowed by `required` (Spack's
 * `satisfies` on abstract specs). No `required` constraint is always satisfied; no `constraint`
 * (any version) never satisfies a `required` one.
 */
export function versionSatisfies(constraint: string | null, required: string | null): boolean {
  if (required === null) return true;
  if (constraint === null) return false;
  const outer = ranges(required);
  return ranges(constraint).every((inner) => outer.some((range) => within(inner, range)));
}
