import { describe, expect, it } from 'vitest';
import { parseWaldurUrl } from '../../src/config/parse-waldur-url.js';

const NOT_HTTP = 'must be an http(s) URL of the Waldur API root, e.g. https://waldur.example.org/api/';

describe('parseWaldurUrl', () => {
  it.each([
    ['https://waldur.example.org/api/', 'https://waldur.example.org/api/'],
    ['https://waldur.example.org/api', 'https://waldur.example.org/api/'],
    ['http://127.0.0.1:8000/api/', 'http://127.0.0.1:8000/api/'],
    [' http://[::1]:8000/api ', 'http://[::1]:8000/api/'],
    ['HTTPS://Waldur.Example.org/api/', 'https://waldur.example.org/api/'],
  ])('when the url is %j, then it is kept as the API root %j', (input, url) => {
    expect(parseWaldurUrl(input)).toEqual({ ok: true, value: url });
  });

  it.each([
    ['ftp://waldur.example.org/api/', NOT_HTTP],
    ['waldur.example.org/api/', NOT_HTTP],
    ['http://', NOT_HTTP],
    ['https://user:pass@waldur.example.org/api/', 'must not contain a user name or password (use token or token_file)'],
    ['https://waldur.example.org/api/?format=json', 'must not have a query or fragment (it is the API root)'],
    ['https://waldur.example.org/api/#x', 'must not have a query or fragment (it is the API root)'],
    [42, 'must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text'],
    [{ host: 'x' }, 'must be a string (got a mapping)'],
  ])('when the url is %j, then it is refused', (input, message) => {
    expect(parseWaldurUrl(input)).toEqual({ ok: false, message });
  });
});
