import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { lineAndColumn, locateJsonError } from '../../src/sources/locate-json-error.js';
import { parseJsonText } from '../../src/sources/parse-json-text.js';

describe('locateJsonError', () => {
  it.each([
    ['{"a": }', 1, 7, 'unexpected "}", expected a value'],
    ['{"a": 1,}', 1, 9, 'unexpected "}", expected a property name in double quotes'],
    ['[1, 2', 1, 6, "unexpected end of input, expected ',' or ']'"],
    ['{\n  "a": [1,\n  2]\n  "b": 1}', 4, 3, `unexpected "\\"", expected ',' or '}'`],
    ['{"a": "x\u0001"}', 1, 9, 'control character in string (escape it)'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape in string'],
    ['{"a": "abc', 1, 7, 'unterminated string'],
    ['{"a": tru}', 1, 7, 'unexpected "t", expected a value'],
    ['{} x', 1, 4, 'unexpected "x" after the end of the document'],
    ['', 1, 1, 'unexpected end of input, expected a value'],
    ['{"a" 1}', 1, 6, `unexpected "1", expected ':'`],
  ])('when the text is %j, then the error is at %d:%d: %s', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();

    const found = locateJsonError(text);

    expect(found).not.toBeNull();
    expect({ ...lineAndColumn(text, found!.offset), message: found!.message }).toEqual({ line, column, message });
  });

  it.each(['{"a": [1, -2.5e3, true, false, null, {"b": "\\u00e9\\n"}]}', '[]', ' "x" ', '0'])(
    'when the text %j is valid JSON, then no error is found',
    (text) => {
      expect(locateJsonError(text)).toBeNull();
    },
  );

  it('when nesting is hostile (a million brackets), then the scanner does not overflow the stack', () => {
    const text = `${'['.repeat(1_000_000)}}`;

    expect(locateJsonError(text)).toEqual({ offset: 1_000_000, message: 'unexpected "}", expected a value' });
  });

  it('when parseJsonText fails, then the ValidationError carries file, line and column', () => {
    let error: unknown;
    try {
      parseJsonText('{\n  "a": }', 'upstream.json');
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ file: 'upstream.json', line: 2, column: 8, message: 'invalid JSON: unexpected "}", expected a value' });
  });
});
