import { fail, ok, type Parsed } from './value-parser.js';
import { parseQuantity } from './parse-quantity.js';

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 24 * 3_600_000;

/** `30s`, `2m`, `500ms`, `1h`, or a number of seconds -> milliseconds (1 ms .. 24 h). */
export function parseDuration(value: unknown): Parsed<number> {
  const ms = parseQuantity(value, UNITS, { defaultUnit: 1000 });
  if (ms === null) return fail('must be a duration like "30s", "2m", "500ms" or a number of seconds');
  const rounded = Math.round(ms);
  if (rounded < 1 || rounded > MAX_MS) return fail('must be between 1ms and 24h');
  return ok(rounded);
}
