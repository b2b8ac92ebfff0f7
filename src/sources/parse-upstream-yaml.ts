import type { Document, LineCounter } from 'yaml';
import { parseYamlText, type YamlProblem } from '../config/parse-yaml-text.js';
import { ValidationError } from '../errors.js';

export interface ParsedYaml {
  value: unknown;
  /** Line and column of the node at a value path (or its nearest existing parent). */
  positionOf(path: ReadonlyArray<PropertyKey>): { line: number; column: number } | undefined;
}

export interface YamlLimits {
  /** Aliases a document may expand (yaml counts nested expansions): the billion-laughs guard. */
  maxAliasCount?: number;
  maxDepth?: number;
}

/** The parser's words for what they mean in an upstream file. */
function firstLine(message: string, code: string): string {
  if (code === 'MULTIPLE_DOCS') return 'more than one YAML document (a second "---"); expected exactly one';
  const text = message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return text.startsWith('Maximum call stack size exceeded') ? 'nested too deeply' : text;
}

/** The first problem of an upstream document, as the error that fails its read. */
function toError(problem: YamlProblem, file: string): ValidationError {
  const at = { file, line: problem.line, column: problem.column };
  switch (problem.kind) {
    case 'syntax':
      return new ValidationError(`invalid YAML: ${firstLine(problem.message, problem.code)}`, {}, at);
    case 'warning':
      return new ValidationError(`unsupported YAML: ${firstLine(problem.message, problem.code)}`, {}, at);
    case 'alias-bomb':
      return new ValidationError(`YAML expands too many aliases (more than ${problem.limit}): refusing a possible alias bomb`, {}, at);
    case 'too-deep':
      return new ValidationError(`YAML nested deeper than ${problem.limit} levels`, {}, at);
    case 'control-character':
      return new ValidationError(`control character U+${problem.code} is not allowed`, {}, at);
  }
}

function positionFinder(doc: Document, lines: LineCounter): ParsedYaml['positionOf'] {
  return (path) => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) {
        const { line, col } = lines.linePos(range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}

/**
 * An upstream YAML document through the shared guard (parse-yaml-text), strictly: merge keys are
 * off (`<<` stays an ordinary key, so schemas reject it), and the first problem fails the read
 * with its line and column.
 */
export function parseUpstreamYaml(text: string, file: string, limits: YamlLimits = {}): ParsedYaml {
  const yaml = parseYamlText(text, { mergeKeys: false, maxAliasCount: limits.maxAliasCount, maxDepth: limits.maxDepth ?? 64 });
  if (!yaml.ok) throw toError(yaml.problems[0]!, file);
  return { value: yaml.value, positionOf: positionFinder(yaml.doc, yaml.lineCounter) };
}
