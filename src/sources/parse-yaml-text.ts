import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { findFirstAlias } from '../config/find-first-alias.js';
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

function firstLine(error: YAMLError): string {
  // Say what the library's words mean for the file being read.
  if (error.code === 'MULTIPLE_DOCS') return 'more than one YAML document (a second "---"); expected exactly one';
  const text = error.message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return text.startsWith('Maximum call stack size exceeded') ? 'nested too deeply' : text;
}

function fail(error: YAMLError, file: string, prefix: string): never {
  const pos = error.linePos?.[0];
  throw new ValidationError(`${prefix}: ${firstLine(error)}`, {}, { file, line: pos?.line, column: pos?.col });
}

/** Depth of nested arrays/objects, walked iteratively so hostile input cannot overflow the stack. */
function depthOf(value: unknown, limit: number): number {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let max = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    max = Math.max(max, depth);
    if (max > limit) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
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
 * A single YAML 1.2 (core schema) document, strictly: duplicate keys, unknown tags (`!!js/function`
 * and friends), merge keys (`<<` stays an ordinary key, so schemas reject it) and excessive alias
 * expansion are errors with a line and column, never silently accepted.
 */
export function parseYamlText(text: string, file: string, limits: YamlLimits = {}): ParsedYaml {
  const maxAliasCount = limits.maxAliasCount ?? 100;
  const maxDepth = limits.maxDepth ?? 64;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false, schema: 'core', strict: true });
  if (doc.errors.length > 0) fail(doc.errors[0]!, file, 'invalid YAML');
  if (doc.warnings.length > 0) fail(doc.warnings[0]!, file, 'unsupported YAML');
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (err) {
    const alias = findFirstAlias(doc);
    const pos = alias?.range ? lines.linePos(alias.range[0]) : undefined;
    throw new ValidationError(
      `YAML expands too many aliases (more than ${maxAliasCount}): refusing a possible alias bomb`,
      {},
      { file, line: pos?.line, column: pos?.col, cause: err },
    );
  }
  if (depthOf(value, maxDepth) > maxDepth) {
    throw new ValidationError(`YAML nested deeper than ${maxDepth} levels`, {}, { file });
  }
  return { value, positionOf: positionFinder(doc, lines) };
}
