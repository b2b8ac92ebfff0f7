// Durations, rates, sizes and delete limits: the "number with a unit" values of the config.
import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../src/config/parse-byte-size.js';
import { parseDeleteLimit } from '../../src/config/parse-delete-limit.js';
import { parseDuration } from '../../src/config/parse-duration.js';
import { parseRateLimit } from '../../src/config/parse-rate-limit.js';

const DURATION = 'must be a duration like "30s", "2m", "500ms" or a number of seconds';
const RATE = 'must be a rate like "20/s", "600/m" or a number of writes per second';
const SIZE = 'must be a size like "64MiB", "10MB" or a number of bytes';
const LIMIT = 'must be a count (e.g. 25) or a percentage of the catalog (e.g. "10%")';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    [' 30 s ', 30_000],
    [30, 30_000],
    [0.25, 250],
    ['45', 45_000],
  ])('when the duration is %j, then it is %i ms', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['30 seconds', DURATION],
    ['1d', DURATION],
    ['-5s', DURATION],
    ['5S', DURATION],
    [true, DURATION],
    [null, DURATION],
    ['0s', 'must be between 1ms and 24h'],
    [0, 'must be between 1ms and 24h'],
    ['25h', 'must be between 1ms and 24h'],
  ])('when the duration is %j, then it is refused', (input, message) => {
    expect(parseDuration(input)).toEqual({ ok: false, message });
  });
});

describe('parseRateLimit', () => {
  it.each([
    ['20/s', 20],
    ['600/m', 10],
    ['3600/h', 1],
    ['20 / s', 20],
    [5, 5],
    [0.5, 0.5],
    ['7', 7],
  ])('when the rate is %j, then it is %d per second', (input, perSecond) => {
    expect(parseRateLimit(input)).toEqual({ ok: true, value: perSecond });
  });

  it.each([
    ['20/day', RATE],
    ['fast', RATE],
    ['20/S', RATE],
    [[20], RATE],
    [0, 'must be greater than 0 (leave it out for no limit)'],
    ['0/s', 'must be greater than 0 (leave it out for no limit)'],
  ])('when the rate is %j, then it is refused', (input, message) => {
    expect(parseRateLimit(input)).toEqual({ ok: false, message });
  });
});

describe('parseByteSize', () => {
  it.each([
    ['64MiB', 64 * 2 ** 20],
    ['10MB', 10_000_000],
    ['512KiB', 512 * 1024],
    ['1GiB', 2 ** 30],
    ['10mb', 10_000_000],
    ['100 B', 100],
    [4096, 4096],
    ['4096', 4096],
  ])('when the size is %j, then it is %i bytes', (input, bytes) => {
    expect(parseByteSize(input)).toEqual({ ok: true, value: bytes });
  });

  it.each([
    ['64 parsecs', SIZE],
    ['1TB', SIZE],
    ['MiB', SIZE],
    [false, SIZE],
    [0, 'must be between 1 byte and 1GiB'],
    ['2GiB', 'must be between 1 byte and 1GiB'],
  ])('when the size is %j, then it is refused', (input, message) => {
    expect(parseByteSize(input)).toEqual({ ok: false, message });
  });
});

describe('parseDeleteLimit', () => {
  it.each([
    [25, { kind: 'count', value: 25 }],
    [0, { kind: 'count', value: 0 }],
    ['25', { kind: 'count', value: 25 }],
    ['10%', { kind: 'percent', value: 10 }],
    ['0%', { kind: 'percent', value: 0 }],
    ['100%', { kind: 'percent', value: 100 }],
    ['2.5%', { kind: 'percent', value: 2.5 }],
    [' 10 % ', { kind: 'percent', value: 10 }],
  ])('when max_delete is %j, then the limit is %j', (input, limit) => {
    expect(parseDeleteLimit(input)).toEqual({ ok: true, value: limit });
  });

  it.each([
    ['150%', 'must be a percentage from 0% to 100%'],
    ['-1%', 'must be a percentage from 0% to 100%'],
    [-3, `${LIMIT}; a count cannot be negative`],
    [2.5, LIMIT],
    ['ten', LIMIT],
    ['10 percent', LIMIT],
    [null, LIMIT],
  ])('when max_delete is %j, then it is refused', (input, message) => {
    expect(parseDeleteLimit(input)).toEqual({ ok: false, message });
  });
});
