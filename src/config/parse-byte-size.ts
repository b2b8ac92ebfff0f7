import { fail, ok, type Parsed } from './value-parser.js';
import { parseQuantity } from './parse-quantity.js';

const UNITS = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };
/** A body is held in memory while it is parsed: beyond this it is a mistake, not a catalog. */
export const MAX_FETCH_BYTES = 2 ** 30;

/** `64MiB`, `10MB`, `512KiB`, or a number of bytes -> bytes (1 .. 1 GiB). */
export function parseByteSize(value: unknown): Parsed<number> {
  const bytes = parseQuantity(value, UNITS, { defaultUnit: 1, caseInsensitive: true });
  if (bytes === null) return fail('must be a size like "64MiB", "10MB" or a number of bytes');
  const whole = Math.floor(bytes);
  if (whole < 1 || whole > MAX_FETCH_BYTES) return fail('must be between 1 byte and 1GiB');
  return ok(whole);
}
