// The plain leaf types of the config: text, booleans, integers, enumerations.
import { describeValue } from './describe-value.js';
import { fail, ok, type Parsed, type Parser } from './value-parser.js';

// Strings from YAML escapes ("\t", "\x07") or from the environment: a config never needs them,
// and in a token or URL they would break headers or hide a typo.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Also used by other parsers: one message for "wrong type, a string was expected". */
export function expectString(value: unknown): Parsed<string> {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) return fail('must not contain control characters');
    return ok(value);
  }
  if (typeof value === 'number') {
    // 2023.06 and 2023.10 are numbers to YAML (the second even becomes 2023.1).
    return fail('must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text');
  }
  return fail(`must be a string (got ${describeValue(value)})`);
}

/** A parser of a string value: wrong types and control characters are handled once, here. */
export function fromString<T>(parse: (text: string) => Parsed<T>): Parser<T> {
  return (value) => {
    const text = expectString(value);
    return text.ok ? parse(text.value) : text;
  };
}

export function parseText(options: { max?: number; trim?: (s: string) => string } = {}): Parser<string> {
  return fromString((text) => {
    const result = options.trim ? options.trim(text) : text;
    if (result.length === 0) return fail('must not be empty');
    if (options.max !== undefined && result.length > options.max) {
      return fail(`must be at most ${options.max} characters (got ${result.length})`);
    }
    return ok(result);
  });
}

/** true/false; the strings "true"/"false" too, so the value can come from `${VAR}`. */
export function parseBoolean(value: unknown): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (value === 'true' || value === 'false') return ok(value === 'true');
  return fail(`must be true or false (got ${describeValue(value)})`);
}

/** A whole number (or a string of digits, for `${VAR}`), within [min, max]. */
export function parseInteger(min: number, max: number): Parser<number> {
  return (value) => {
    const number = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      return fail(`must be a whole number from ${min} to ${max} (got ${describeValue(value)})`);
    }
    if (number < min || number > max) return fail(`must be a whole number from ${min} to ${max}`);
    return ok(number);
  };
}

export function parseOneOf<T extends string>(allowed: readonly T[]): Parser<T> {
  return (value) => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return ok(value as T);
    return fail(`must be one of ${allowed.join(', ')}`);
  };
}
