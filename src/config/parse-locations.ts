import { describeValue } from './describe-value.js';
import { parseLocation } from './parse-location.js';
import { fail, ok, type Parser } from './value-parser.js';

/** More than any real source lists by hand; globs cover long lists of files. */
export const MAX_LISTED_LOCATIONS = 1000;

/**
 * `location`: one location, or a non-empty list of them (a source read from several files).
 * One location stays a string, so configs that list one file keep their shape; local paths
 * may be glob patterns, which are expanded when the source is read (files come and go).
 */
export function parseLocations(baseDir: string): Parser<string | string[]> {
  const one = parseLocation(baseDir);
  return (value) => {
    if (!Array.isArray(value)) return one(value);
    if (value.length === 0) return fail('must not be an empty list: give at least one location');
    if (value.length > MAX_LISTED_LOCATIONS) return fail(`must list at most ${MAX_LISTED_LOCATIONS} locations (use a glob pattern)`);
    const locations: string[] = [];
    for (const [index, item] of value.entries()) {
      if (Array.isArray(item)) return fail(`must be a location (got ${describeValue(item)})`, [index]);
      const parsed = one(item);
      if (!parsed.ok) return fail(parsed.message, [index]);
      const first = locations.indexOf(parsed.value);
      if (first >= 0) return fail(`lists the same location as item ${first}`, [index]);
      locations.push(parsed.value);
    }
    return ok(locations);
  };
}
