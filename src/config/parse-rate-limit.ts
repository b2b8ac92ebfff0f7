import { fail, ok, type Parsed } from './value-parser.js';
import { parseQuantity } from './parse-quantity.js';

const UNITS = { '/s': 1, '/m': 1 / 60, '/h': 1 / 3600 };

/** `20/s`, `600/m`, `3600/h`, or a number per second -> requests per second (> 0). */
export function parseRateLimit(value: unknown): Parsed<number> {
  const perSecond = parseQuantity(value, UNITS, { defaultUnit: 1 });
  if (perSecond === null) return fail('must be a rate like "20/s", "600/m" or a number of writes per second');
  if (perSecond <= 0) return fail('must be greater than 0 (leave it out for no limit)');
  return ok(perSecond);
}
