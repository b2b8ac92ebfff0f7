// The log schema, checked on one written line: JSON, no key twice in any object, snake_case keys
// at every depth, `level` a word, `time` ISO 8601, `msg` a string. Returns what is wrong.

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Keys that appear twice in one object, found by reading the text (JSON.parse keeps the last). */
export function findDuplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const stack: Array<Set<string> | null> = [];
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(i, j + 1)) as string;
      const keys = stack.at(-1);
      if (expectKey && keys) {
        if (keys.has(value)) duplicates.push(value);
        keys.add(value);
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') expectKey = stack.at(-1) !== null;
    i += 1;
  }
  return duplicates;
}

function keysNotSnake(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => keysNotSnake(item, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (!SNAKE.test(key)) out.push(`${path}${key}`);
      keysNotSnake(inner, `${path}${key}.`, out);
    }
  }
}

export function checkLogLine(line: string, required: Record<string, unknown> = {}): string[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return [`not JSON: ${line.slice(0, 120)}`];
  }
  const problems: string[] = [];
  for (const key of findDuplicateKeys(line)) problems.push(`duplicate key ${key}`);
  const badKeys: string[] = [];
  keysNotSnake(parsed, '', badKeys);
  for (const key of badKeys) problems.push(`key not snake_case: ${key}`);
  if (!LEVELS.has(parsed.level as string)) problems.push(`level not a word: ${String(parsed.level)}`);
  if (typeof parsed.time !== 'string' || !ISO.test(parsed.time)) problems.push(`time not ISO 8601: ${String(parsed.time)}`);
  if (typeof parsed.msg !== 'string') problems.push('no msg');
  if ('err' in parsed) problems.push('err instead of error');
  if ('error' in parsed && typeof parsed.error !== 'string') problems.push('error is not a message');
  for (const [key, value] of Object.entries(required)) {
    if (parsed[key] !== value) problems.push(`${key} is ${JSON.stringify(parsed[key])}, not ${JSON.stringify(value)}`);
  }
  return problems.map((p) => `${p} in "${String(parsed.msg)}"`);
}
