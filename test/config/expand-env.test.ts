import { describe, expect, it } from 'vitest';
import { expandEnv, expandString } from '../../src/config/expand-env.js';

const env = { HOST: 'waldur.example.org', EMPTY: '', PORT: '8443' };

describe('expandString', () => {
  it.each([
    ['no variables', 'plain text', 'plain text'],
    ['a dollar without braces stays', 'cost $5 or $HOST', 'cost $5 or $HOST'],
    ['a set variable', 'https://${HOST}/api/', 'https://waldur.example.org/api/'],
    ['two variables', '${HOST}:${PORT}', 'waldur.example.org:8443'],
    ['a default of an unset variable', '${UNSET:-fallback}', 'fallback'],
    ['a default of an empty variable', '${EMPTY:-fallback}', 'fallback'],
    ['an empty default', 'x${UNSET:-}y', 'xy'],
    ['a default with spaces and colons', '${UNSET:-redis://h:1 x}', 'redis://h:1 x'],
    ['a set variable ignores its default', '${HOST:-other}', 'waldur.example.org'],
    ['an empty variable without default is empty', 'a${EMPTY}b', 'ab'],
    ['$${ is a literal ${', 'literal $${HOST}', 'literal ${HOST}'],
  ])('when the value has %s, then it expands', (_, input, expected) => {
    expect(expandString(input, env)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a missing variable', '${NOPE}', 'environment variable NOPE is not set (and no default is given with ${NOPE:-default})'],
    ['two missing variables', '${NOPE}/${NADA}', 'environment variables NOPE, NADA are not set'],
    ['an unterminated reference', 'x ${HOST', 'has an unterminated ${ (write $${ for a literal ${)'],
    ['a name with a space', '${A B}', 'has an invalid ${...} reference: expected ${NAME} or ${NAME:-default}, NAME made of letters, digits and _'],
    ['an empty name', '${}', 'has an invalid ${...} reference: expected ${NAME} or ${NAME:-default}, NAME made of letters, digits and _'],
    ['a shell-style ${VAR-x}', '${HOST-x}', 'has an invalid ${...} reference: expected ${NAME} or ${NAME:-default}, NAME made of letters, digits and _'],
  ])('when the value has %s, then it is an error', (_, input, message) => {
    expect(expandString(input, env)).toEqual({ ok: false, message });
  });

  it('when a variable is missing, then the message names no value of the environment', () => {
    const result = expandString('${HOST}${NOPE}', { HOST: 'very-secret-value' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('very-secret-value');
  });
});

describe('expandEnv', () => {
  it('when a tree is expanded, then string values change, keys and other values do not', () => {
    const tree = { '${HOST}': 'k', list: ['${PORT}', 3, true, null], nested: { url: 'https://${HOST}/' } };
    expect(expandEnv(tree, env)).toEqual({
      value: { '${HOST}': 'k', list: ['8443', 3, true, null], nested: { url: 'https://waldur.example.org/' } },
      problems: [],
    });
  });

  it('when values fail to expand, then each problem has its key path and the value becomes ""', () => {
    const result = expandEnv({ waldur: { token: '${T}' }, sources: [{ name: 'a' }, { location: '${L}' }] }, {});
    expect(result.value).toEqual({ waldur: { token: '' }, sources: [{ name: 'a' }, { location: '' }] });
    expect(result.problems.map((p) => p.path)).toEqual([['waldur', 'token'], ['sources', 1, 'location']]);
  });
});
