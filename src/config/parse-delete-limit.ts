import type { DeleteLimit } from './types.js';
import { fail, ok, type Parsed } from './value-parser.js';

const HINT = 'must be a count (e.g. 25) or a percentage of the catalog (e.g. "10%")';

/** prune.max_delete: a whole count >= 0, or "N%" with N from 0 to 100. */
export function parseDeleteLimit(value: unknown): Parsed<DeleteLimit> {
  if (typeof value === 'string') {
    const percent = /^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*%\s*$/.exec(value);
    if (percent) {
      const n = Number(percent[1]);
      return n >= 0 && n <= 100 ? ok({ kind: 'percent', value: n }) : fail('must be a percentage from 0% to 100%');
    }
    if (/^[0-9]+$/.test(value.trim())) return ok({ kind: 'count', value: Number(value) });
    return fail(HINT);
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 0 ? ok({ kind: 'count', value }) : fail(`${HINT}; a count cannot be negative`);
  }
  return fail(HINT);
}
