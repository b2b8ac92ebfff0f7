import { describe, expect, it } from 'vitest';
import { parseBoolean, parseInteger, parseOneOf, parseText } from '../../src/config/parse-scalars.js';
import { parseSourceName } from '../../src/config/parse-source-name.js';

const QUOTE = 'must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text';

describe('parseText', () => {
  const text = parseText({ max: 5, trim: (s) => s.trim() });
  it.each([
    ['abc', { ok: true, value: 'abc' }],
    ['  abc ', { ok: true, value: 'abc' }],
    ['abcdef', { ok: false, message: 'must be at most 5 characters (got 6)' }],
    ['   ', { ok: false, message: 'must not be empty' }],
    [2023.06, { ok: false, message: QUOTE }],
    [null, { ok: false, message: 'must be a string (got an empty value)' }],
    [['a'], { ok: false, message: 'must be a string (got a list)' }],
    [new Uint8Array([1]), { ok: false, message: 'must be a string (got binary data)' }],
    ['a\u0007b', { ok: false, message: 'must not contain control characters' }],
    ['a\tb', { ok: false, message: 'must not contain control characters' }],
    ['a\u0085b', { ok: false, message: 'must not contain control characters' }],
  ])('when the text is %j, then the result is %j', (input, result) => {
    expect(text(input)).toEqual(result);
  });
});

describe('parseBoolean', () => {
  it.each([
    [true, { ok: true, value: true }],
    [false, { ok: true, value: false }],
    ['true', { ok: true, value: true }],
    ['false', { ok: true, value: false }],
    ['yes', { ok: false, message: 'must be true or false (got a string)' }],
    [1, { ok: false, message: 'must be true or false (got a number)' }],
  ])('when the value is %j, then the result is %j', (input, result) => {
    expect(parseBoolean(input)).toEqual(result);
  });
});

describe('parseInteger', () => {
  const int = parseInteger(1, 256);
  it.each([
    [8, { ok: true, value: 8 }],
    ['16', { ok: true, value: 16 }],
    [256, { ok: true, value: 256 }],
    [0, { ok: false, message: 'must be a whole number from 1 to 256' }],
    [257, { ok: false, message: 'must be a whole number from 1 to 256' }],
    [2.5, { ok: false, message: 'must be a whole number from 1 to 256 (got a number)' }],
    ['many', { ok: false, message: 'must be a whole number from 1 to 256 (got a string)' }],
    ['-1', { ok: false, message: 'must be a whole number from 1 to 256 (got a string)' }],
  ])('when the value is %j, then the result is %j', (input, result) => {
    expect(int(input)).toEqual(result);
  });
});

describe('parseOneOf', () => {
  const kind = parseOneOf(['a', 'b'] as const);
  it.each([
    ['a', { ok: true, value: 'a' }],
    ['A', { ok: false, message: 'must be one of a, b' }],
    ['toString', { ok: false, message: 'must be one of a, b' }],
    [1, { ok: false, message: 'must be one of a, b' }],
  ])('when the value is %j, then the result is %j', (input, result) => {
    expect(kind(input)).toEqual(result);
  });
});

describe('parseSourceName', () => {
  const RULE = 'must be 1 to 64 characters: letters, digits, ".", "_" or "-"';
  it.each([
    ['eessi-2023.06_x', { ok: true, value: 'eessi-2023.06_x' }],
    ['s'.repeat(64), { ok: true, value: 's'.repeat(64) }],
    ['s'.repeat(65), { ok: false, message: RULE }],
    ['site modules', { ok: false, message: RULE }],
    ['a/b', { ok: false, message: RULE }],
    ['', { ok: false, message: RULE }],
    ['ünï', { ok: false, message: RULE }],
  ])('when the name is %j, then the result is %j', (input, result) => {
    expect(parseSourceName(input)).toEqual(result);
  });
});
