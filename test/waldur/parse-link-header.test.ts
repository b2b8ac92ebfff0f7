import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../../src/waldur/parse-link-header.js';

describe('parseLinkHeader', () => {
  it('when DRF sends first/prev/next/last, then each rel maps to its URL', () => {
    const header =
      '<https://w.example.org/api/x/?page=1>; rel="first", <https://w.example.org/api/x/?page=2>; rel="prev", ' +
      '<https://w.example.org/api/x/?page=4&name=a,b>; rel="next", <https://w.example.org/api/x/?page=9>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({
      first: 'https://w.example.org/api/x/?page=1',
      prev: 'https://w.example.org/api/x/?page=2',
      next: 'https://w.example.org/api/x/?page=4&name=a,b',
      last: 'https://w.example.org/api/x/?page=9',
    });
  });

  it('when rel is unquoted, upper case or lists several names, then all are read', () => {
    expect(parseLinkHeader('</a>; title="t"; REL=Next, </b>; rel="prev previous"')).toEqual({ next: '/a', prev: '/b', previous: '/b' });
  });

  it('when the header is missing or has no links, then an empty map', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
    expect(parseLinkHeader('garbage')).toEqual({});
  });
});
