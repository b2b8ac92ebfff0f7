import { describe, expect, it } from 'vitest';
import { parseTimezone } from '../../src/config/parse-timezone.js';

const UNKNOWN = 'is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)';

describe('parseTimezone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])('when the zone is %j, then it is accepted', (zone) => {
    expect(parseTimezone(zone)).toEqual({ ok: true, value: zone });
  });

  it.each([
    ['Mars/Olympus_Mons', UNKNOWN],
    ['Europe/Berln', UNKNOWN],
    ['+02:00:00', UNKNOWN],
    [true, 'must be a string (got a boolean)'],
  ])('when the zone is %j, then it is refused', (zone, message) => {
    expect(parseTimezone(zone)).toEqual({ ok: false, message });
  });
});
