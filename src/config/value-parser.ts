// Leaf values are parsed by small functions that return a value or a message, and are plugged
// into the zod schema with `leaf`, so every message is ours and names what is expected.
import { z } from 'zod';

export type Parsed<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; /** Below the value's own path (e.g. a list index). */ at?: (string | number)[] };

export type Parser<T> = (value: unknown) => Parsed<T>;

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail(message: string, at?: (string | number)[]): Parsed<never> {
  return at ? { ok: false, message, at } : { ok: false, message };
}

/** A zod schema for one key: runs `parse` (also when the key is absent: it sees undefined). */
export function leaf<T>(parse: Parser<T>) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const result = parse(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, ...(result.at ? { path: result.at } : {}) });
      return z.NEVER;
    });
}

/** Absent key -> undefined (a default or an inherited value is applied later). */
export function optional<T>(parse: Parser<T>): Parser<T | undefined> {
  return (value) => (value === undefined ? ok(undefined) : parse(value));
}

export function required<T>(parse: Parser<T>): Parser<T> {
  return (value) => (value === undefined ? fail('is required') : parse(value));
}

export function withDefault<T>(parse: Parser<T>, fallback: T): Parser<T> {
  return (value) => (value === undefined ? ok(fallback) : parse(value));
}

/** An explicit empty value (`key:` or `key: null`) means "none" for this key. */
export function nullable<T>(parse: Parser<T>): Parser<T | null> {
  return (value) => (value === null ? ok(null) : parse(value));
}
