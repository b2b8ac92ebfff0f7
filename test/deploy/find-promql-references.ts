// What a PromQL expression refers to, enough to check it against the metrics the daemon exports:
// the project's and Node.js' metric names with the labels their selectors match on, and the labels
// named in by/without/on/ignoring/group_left/group_right. Not a parser: it reads what we write.

export interface PromqlReferences {
  selectors: Array<{ metric: string; labels: string[] }>;
  groupingLabels: string[];
}

const SELECTOR = /\b((?:catalog_sync|process|nodejs)_[a-zA-Z0-9_]+)\b(\s*\{([^}]*)\})?/g;
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;

export function findPromqlReferences(expr: string): PromqlReferences {
  const selectors = [...expr.matchAll(SELECTOR)].map((m) => ({
    metric: m[1]!,
    labels: [...(m[3] ?? '').matchAll(MATCHER)].map((l) => l[1]!),
  }));
  const groupingLabels = [...expr.matchAll(GROUPING)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((label) => label.trim())
      .filter((label) => label !== ''),
  );
  return { selectors, groupingLabels: [...new Set(groupingLabels)] };
}
