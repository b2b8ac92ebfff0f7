// `${VAR}` and `${VAR:-default}` in string values (never in keys); `$${` is a literal `${`.
// Messages name the variable and the key, never a value of the environment.
import type { PathProblem } from './path-problem.js';

const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

type Expanded = { ok: true; value: string } | { ok: false; message: string };

/** Expands one string. Like the shell, `:-` also uses the default when the variable is empty. */
export function expandString(text: string, env: NodeJS.ProcessEnv): Expanded {
  if (!text.includes('$')) return { ok: true, value: text };
  let out = '';
  const missing: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return { ok: false, message: 'has an unterminated ${ (write $${ for a literal ${)' };
      const ref = NAME.exec(text.slice(i + 2, end));
      if (!ref) {
        return { ok: false, message: 'has an invalid ${...} reference: expected ${NAME} or ${NAME:-default}, NAME made of letters, digits and _' };
      }
      const [, name, fallback] = ref;
      const value = env[name!];
      if (fallback !== undefined && (value === undefined || value === '')) out += fallback;
      else if (value !== undefined) out += value;
      else missing.push(name!);
      i = end + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  if (missing.length === 1) {
    return { ok: false, message: `environment variable ${missing[0]} is not set (and no default is given with \${${missing[0]}:-default})` };
  }
  if (missing.length > 1) return { ok: false, message: `environment variables ${missing.join(', ')} are not set` };
  return { ok: true, value: out };
}

/** Expands every string value of a parsed YAML tree; a failed value becomes "". */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv): { value: unknown; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      const result = expandString(node, env);
      if (result.ok) return result.value;
      problems.push({ path, message: result.message });
      return '';
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object' && !(node instanceof Uint8Array)) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), problems };
}
