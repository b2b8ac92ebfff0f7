// zod issues -> our problems: unknown keys one by one (with a "did you mean"), types named in
// YAML terms (mapping, list), our own leaf messages as they are.
import type { z } from 'zod';
import { describeValue } from './describe-value.js';
import type { PathProblem } from './path-problem.js';
import { suggestKey } from './suggest-key.js';

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list' };

export function issuesToProblems(issues: readonly z.core.$ZodIssue[], raw: unknown, knownKeys: Set<string>): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = suggestKey(key, knownKeys);
        problems.push({ path: [...path, key], message: hint ? `unknown key (did you mean ${hint}?)` : 'unknown key' });
      }
    } else if (issue.code === 'invalid_type') {
      const actual = valueAt(raw, path);
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (path.length === 0) {
        problems.push({ path, message: `the file must be a mapping with waldur: and sources: (got ${describeValue(actual)})` });
      } else if (actual === undefined) {
        problems.push({ path, message: `is required (${expected})` });
      } else {
        problems.push({ path, message: `must be ${expected} (got ${describeValue(actual)})` });
      }
    } else {
      problems.push({ path, message: issue.message });
    }
  }
  return problems;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
