import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/config/match-glob.js';

describe('matchesGlob', () => {
  it.each([
    ['Python', 'Python', true],
    ['Python', 'python', false],
    ['Python-bundle', 'Python*', true],
    ['Python', 'Python*', true],
    ['MyPython', 'Python*', false],
    ['GCCcore', 'GCC?ore', true],
    ['GCCore', 'GCC?ore', false],
    ['GCCcore', '*core', true],
    ['core', '*core', true],
    ['abc', '*', true],
    ['', '*', true],
    ['', '?', false],
    ['a', '', false],
    ['', '', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['a+b', 'a+b', true],
    ['a(b)', 'a(b)', true],
    ['R-4.3', 'R-?.?', true],
    ['aXbXc', '*b*', true],
    ['mississippi', 'm*iss*ppi', true],
    ['mississippi', 'm*iss*ppx', false],
    ['ab', 'a**b', true],
    ['naïve', 'na?ve', true],
    ['x😀y', 'x?y', true],
  ])('when %j is matched against %j, then the result is %s', (name, pattern, expected) => {
    expect(matchesGlob(name, pattern)).toBe(expected);
  });

  it('when a pattern would backtrack exponentially as a regex, then it still answers (linear matching)', () => {
    const name = 'a'.repeat(5000);
    expect(matchesGlob(name, `${'*a'.repeat(30)}b`)).toBe(false);
  });
});
