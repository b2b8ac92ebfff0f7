// The one YAML guard, for config files and upstream documents alike: a single document, parsed
// strictly, whose syntax errors, warnings (unknown tags...), alias bombs and (optionally) raw
// control characters and excessive nesting stop here with their line and column. Callers word
// the problems for their readers (a config lists them all; an upstream read fails on the first).
import { LineCounter, parseDocument, type Document, type ErrorCode } from 'yaml';
import { findFirstAlias } from './find-first-alias.js';

/** Alias expansion budget: plenty for sharing a prune block, far below a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

// Tab, LF and CR are YAML's own; anything else below U+0020 (and DEL, C1) has no business in a
// config and can hide text from a reviewer.
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export type YamlProblem = { line?: number; column?: number } & (
  /** A raw control character; `code` is its U+ code point, e.g. "001B". */
  | { kind: 'control-character'; code: string }
  /** The parser's error; `message` is its own words, without position or excerpt. */
  | { kind: 'syntax'; code: ErrorCode; message: string; offset: number }
  /** The parser's warning (an unresolved tag, ...). */
  | { kind: 'warning'; code: ErrorCode; message: string }
  | { kind: 'alias-bomb'; limit: number }
  | { kind: 'too-deep'; limit: number }
);

export interface YamlGuardOptions {
  /** `<<: *anchor` merges (as most YAML configs use them); false: `<<` is an ordinary key. */
  mergeKeys: boolean;
  /** Aliases a document may expand (yaml counts nested expansions). Default MAX_ALIAS_COUNT. */
  maxAliasCount?: number;
  /** Refuse values nested deeper than this (arrays and objects). Default: no limit. */
  maxDepth?: number;
  /** Refuse raw control characters other than tab, LF and CR. */
  rejectControlCharacters?: boolean;
}

export type YamlText =
  | { ok: true; doc: Document.Parsed; lineCounter: LineCounter; value: unknown }
  | { ok: false; problems: YamlProblem[] };

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

/**
 * YAML 1.2 (core schema) text -> its document and plain value, or every problem found. Every key
 * is a string and repeated keys are errors. An empty document is not a problem here: its value
 * is null, and what that means is the caller's to say.
 */
export function parseYamlText(text: string, options: YamlGuardOptions): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    stringKeys: true,
    uniqueKeys: true,
    merge: options.mergeKeys,
    // YAML 1.2's core schema even under a `%YAML 1.1` directive: yes/no/on/off stay text.
    schema: 'core',
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: YamlProblem[] = [];
  if (options.rejectControlCharacters) {
    for (const match of text.matchAll(RAW_CONTROL)) {
      const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      problems.push({ kind: 'control-character', code, ...at(match.index) });
    }
  }
  // Messages come from the parser without source excerpts, so they cannot quote a secret.
  for (const error of doc.errors) {
    problems.push({ kind: 'syntax', code: error.code, message: error.message, offset: error.pos[0], ...at(error.pos[0]) });
  }
  for (const warning of doc.warnings) problems.push({ kind: 'warning', code: warning.code, message: warning.message, ...at(warning.pos[0]) });
  if (problems.length > 0) return { ok: false, problems };
  const maxAliasCount = options.maxAliasCount ?? MAX_ALIAS_COUNT;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch {
    const alias = findFirstAlias(doc);
    return { ok: false, problems: [{ kind: 'alias-bomb', limit: maxAliasCount, ...(alias?.range ? at(alias.range[0]) : {}) }] };
  }
  if (options.maxDepth !== undefined && depthOf(value, options.maxDepth) > options.maxDepth) {
    return { ok: false, problems: [{ kind: 'too-deep', limit: options.maxDepth }] };
  }
  return { ok: true, doc, lineCounter, value };
}
