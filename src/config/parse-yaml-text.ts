// YAML text -> document (kept for line lookups) and plain value. Syntax errors, raw control
// characters and alias bombs stop here with their line and column.
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { findFirstAlias } from './find-first-alias.js';
import type { ConfigProblem } from '../errors.js';

/** Alias expansion budget: plenty for sharing a prune block, far below a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

// Tab, LF and CR are YAML's own; anything else below U+0020 (and DEL, C1) has no business in a
// config and can hide text from a reviewer.
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export type YamlText =
  | { ok: true; doc: Document.Parsed; lineCounter: LineCounter; value: unknown }
  | { ok: false; problems: ConfigProblem[] };

export function parseYamlText(text: string): YamlText {
  const lineCounter = new LineCounter();
  // merge: `<<: *anchor` works as in most YAML configs; stringKeys: every key is a string.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, stringKeys: true, merge: true, keepSourceTokens: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: ConfigProblem[] = [];
  for (const match of text.matchAll(RAW_CONTROL)) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    problems.push({ path: '', message: `control character U+${code} is not allowed`, ...at(match.index) });
  }
  // Syntax errors and warnings (unknown tags...) alike: a config must parse cleanly. Messages
  // come from the parser without source excerpts, so they cannot quote a secret.
  for (const error of doc.errors) {
    problems.push({ path: '', message: `YAML syntax error: ${describeYamlError(error, text)}`, ...at(error.pos[0]) });
  }
  for (const warning of doc.warnings) {
    problems.push({ path: '', message: `YAML: ${warning.message}`, ...at(warning.pos[0]) });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (doc.contents === null) {
    return { ok: false, problems: [{ path: '', message: 'the file is empty (expected a mapping with waldur: and sources:)' }] };
  }
  try {
    return { ok: true, doc, lineCounter, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    const alias = findFirstAlias(doc);
    const position = alias?.range ? at(alias.range[0]) : {};
    const message = /excessive alias count/i.test((err as Error).message)
      ? `YAML aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}): refusing a possible alias bomb`
      : `YAML error: ${(err as Error).message}`;
    return { ok: false, problems: [{ path: '', message, ...position }] };
  }
}

function describeYamlError(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      // The key's own text (keys are never expanded, so this cannot reveal a secret).
      return `duplicate key ${JSON.stringify(/^[^:\n]*/.exec(text.slice(error.pos[0]))![0].trim().slice(0, 80))}`;
    case 'MULTIPLE_DOCS':
      return 'the file must hold a single YAML document (found another after ---)';
    default:
      return error.message;
  }
}
