import { ConfigError, type ConfigProblem } from '../errors.js';

/** A file with thousands of bad entries still gives a readable message. */
const MAX_LISTED = 50;

/** "sources[0].kind (line 12, column 11): must be one of …" */
export function renderProblem(problem: ConfigProblem): string {
  const position = problem.line === undefined ? '' : `line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}`;
  if (problem.path && position) return `${problem.path} (${position}): ${problem.message}`;
  if (problem.path || position) return `${problem.path || position}: ${problem.message}`;
  return problem.message;
}

/**
 * One error listing every problem in file order: `<file>: <problem>` for one problem,
 * `<file>: N problems:` and one ` - <problem>` line each otherwise.
 */
export function createConfigError(fileName: string, problems: ConfigProblem[]): ConfigError {
  const sorted = [...problems].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  );
  let message: string;
  if (sorted.length === 1) {
    message = `${fileName}: ${renderProblem(sorted[0]!)}`;
  } else {
    const lines = sorted.slice(0, MAX_LISTED).map((p) => ` - ${renderProblem(p)}`);
    if (sorted.length > MAX_LISTED) lines.push(` - … and ${sorted.length - MAX_LISTED} more`);
    message = `${fileName}: ${sorted.length} problems:\n${lines.join('\n')}`;
  }
  return new ConfigError(message, {}, { problems: sorted });
}
