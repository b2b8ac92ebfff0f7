import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

/** An IANA time zone the runtime knows (the scheduler evaluates cron expressions in it). */
export const parseTimezone: Parser<string> = fromString((text) => {
  const zone = text.trim();
  if (zone === '') return fail('must not be empty');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return fail('is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)');
  }
  return ok(zone);
});
