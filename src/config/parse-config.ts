// Config text -> Config, or one ConfigError listing every problem with its key path and line.
import { dirname, resolve } from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { assembleConfig } from './assemble-config.js';
import { checkCrossFields } from './check-cross-fields.js';
import { LOG_LEVELS } from './config-defaults.js';
import { buildConfigSchema } from './config-schema.js';
import { createConfigError, renderProblem } from './create-config-error.js';
import { displayPath } from './display-path.js';
import { expandEnv } from './expand-env.js';
import { formatPath } from './format-path.js';
import { issuesToProblems } from './issues-to-problems.js';
import { listSecretFiles } from './list-secret-files.js';
import { locatePath } from './locate-path.js';
import type { PathProblem } from './path-problem.js';
import { parseYamlText, type YamlProblem } from './parse-yaml-text.js';
import type { Config } from './types.js';

/** Larger than any real config by far; refused before parsing (and before reading, by loadConfig). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Parses and validates a config. `file` (absolute, or relative to the working directory) is
 * what messages name and what relative locations resolve against; null for embedded configs
 * (locations then resolve against the working directory).
 */
export function parseConfig(
  text: string,
  options: {
    file: string | null;
    env?: NodeJS.ProcessEnv;
    /** false for commands that never call Waldur nor serve the API (validate, trigger, status): tokens may be unset. */
    needsToken?: boolean;
  },
): Config {
  const env = options.env ?? process.env;
  const file = options.file === null ? null : resolve(options.file);
  const fileName = file === null ? 'config' : displayPath(file);
  const refuse = (problems: ConfigProblem[]): never => {
    throw createConfigError(fileName, problems);
  };

  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    return refuse([{ path: '', message: `is larger than ${MAX_CONFIG_BYTES} bytes: not a config file` }]);
  }
  const yaml = parseYamlText(text, { mergeKeys: true, rejectControlCharacters: true });
  if (!yaml.ok) return refuse(yaml.problems.map((problem) => describeYamlProblem(problem, text)));
  if (yaml.doc.contents === null) {
    return refuse([{ path: '', message: 'the file is empty (expected a mapping with waldur: and sources:)' }]);
  }
  const locate = (problem: PathProblem): ConfigProblem => ({
    path: formatPath(problem.path),
    message: problem.message,
    ...locatePath(yaml.doc, yaml.lineCounter, problem.path),
  });

  const expanded = expandEnv(yaml.value, env);
  if (options.needsToken === false) ignoreToken(expanded);
  const baseDir = file === null ? process.cwd() : dirname(file);
  const { schema, knownKeys } = buildConfigSchema(baseDir);
  const result = schema.safeParse(expanded.value);
  const crossProblems = checkCrossFields(expanded.value);
  // One problem per key is enough: a value whose variable is missing was replaced by "" (report
  // the variable, not the ""), and e.g. "token and token_file both given" says it all.
  const superseded = new Set([...expanded.problems, ...crossProblems].map((p) => formatPath(p.path)));
  const schemaProblems = result.success ? [] : issuesToProblems(result.error.issues, expanded.value, knownKeys);
  const logLevel = env.LOG_LEVEL || undefined;
  const problems = [
    ...expanded.problems,
    ...schemaProblems.filter((p) => !superseded.has(formatPath(p.path))),
    ...crossProblems,
  ].map(locate);
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push({ path: '', message: `environment variable LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` });
  }
  if (problems.length > 0 || !result.success) return refuse(problems);

  const { config, warnings } = assembleConfig(result.data, { file, logLevel });
  if (options.needsToken === false) {
    config.waldur.token = '';
    if (config.server.apiToken !== null) config.server.apiToken = '';
  }
  return {
    ...config,
    secretFiles: listSecretFiles(expanded.value, baseDir),
    warnings: warnings.map((w) => `${fileName}: ${renderProblem(locate(w))}`),
  };
}

/** A YAML problem as a config problem: every one is listed, with its line and column. */
function describeYamlProblem(problem: YamlProblem, text: string): ConfigProblem {
  const at = problem.line === undefined ? {} : { line: problem.line, column: problem.column };
  switch (problem.kind) {
    case 'control-character':
      return { path: '', message: `control character U+${problem.code} is not allowed`, ...at };
    case 'syntax':
      return { path: '', message: `YAML syntax error: ${describeSyntaxError(problem, text)}`, ...at };
    case 'warning':
      return { path: '', message: `YAML: ${problem.message}`, ...at };
    case 'alias-bomb':
      return { path: '', message: `YAML aliases expand to too many nodes (limit ${problem.limit}): refusing a possible alias bomb`, ...at };
    case 'too-deep':
      return { path: '', message: `YAML nested deeper than ${problem.limit} levels`, ...at };
  }
}

function describeSyntaxError(problem: Extract<YamlProblem, { kind: 'syntax' }>, text: string): string {
  switch (problem.code) {
    case 'DUPLICATE_KEY':
      // The key's own text (keys are never expanded, so this cannot reveal a secret).
      return `duplicate key ${JSON.stringify(/^[^:\n]*/.exec(text.slice(problem.offset))![0].trim().slice(0, 80))}`;
    case 'MULTIPLE_DOCS':
      return 'the file must hold a single YAML document (found another after ---)';
    default:
      return problem.message;
  }
}

const TOKEN_PLACEHOLDER = 'token-not-needed';

/**
 * Drops every token problem and stands in a placeholder, so no token file is read either: the
 * Waldur token's, and the HTTP API's (only the daemon serves the API).
 */
function ignoreToken(expanded: { value: unknown; problems: PathProblem[] }): void {
  const isTokenPath = (p: PathProblem): boolean =>
    (p.path[0] === 'waldur' && (p.path[1] === 'token' || p.path[1] === 'token_file')) ||
    (p.path[0] === 'server' && (p.path[1] === 'api_token' || p.path[1] === 'api_token_file'));
  expanded.problems = expanded.problems.filter((p) => !isTokenPath(p));
  const root = expanded.value;
  if (root === null || typeof root !== 'object') return;
  const { waldur, server } = root as Record<string, unknown>;
  if (waldur !== null && typeof waldur === 'object') {
    const fields = waldur as Record<string, unknown>;
    delete fields.token_file;
    fields.token = TOKEN_PLACEHOLDER;
  }
  if (server !== null && typeof server === 'object') {
    const fields = server as Record<string, unknown>;
    if (fields.api_token === undefined && fields.api_token_file === undefined) return;
    delete fields.api_token_file;
    fields.api_token = TOKEN_PLACEHOLDER;
  }
}
