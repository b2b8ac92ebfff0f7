import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors.js';
import { formatPath } from '../config/format-path.js';

type Issue = z.core.$ZodIssue;
type PositionOf = (path: ReadonlyArray<PropertyKey>) => { line: number; column: number } | undefined;

function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return issue.keys.includes('<<') ? `unknown key ${keys} (YAML merge keys are not supported)` : `unknown key ${keys}`;
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  // YAML reads an unquoted 1.10 as the number 1.1: say how to keep the text.
  if (issue.code === 'invalid_type' && issue.expected === 'string' && /received number/.test(message)) {
    return `${message} (quote it, e.g. "1.10")`;
  }
  return message;
}

/** The path an issue points at; for an unknown key, the key itself. */
function pathOf(issue: Issue): PropertyKey[] {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path;
}

/**
 * Validates a parsed document against a zod schema. The error names the first problem's field
 * path (and line, when the document can tell), counts the others and lists all in `fields`.
 */
export function checkShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  where: { positionOf?: PositionOf; basePath?: PropertyKey[] } = {},
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const base = where.basePath ?? [];
  const issuePath = (issue: Issue): PropertyKey[] => [...base, ...pathOf(issue)];
  const shown = (issue: Issue): string => formatPath(issuePath(issue), '(document)');
  const positionOf = where.positionOf;
  const issues = result.error.issues;
  const fields: FieldErrors = {};
  for (const issue of issues) (fields[shown(issue)] ??= []).push(describeIssue(issue));
  const first = issues[0]!;
  const at = positionOf?.(issuePath(first));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(`${shown(first)}: ${describeIssue(first)}${more}`, fields, {
    file,
    line: at?.line,
    column: at?.column,
  });
}
