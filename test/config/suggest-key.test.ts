import { describe, expect, it } from 'vitest';
import { suggestKey } from '../../src/config/suggest-key.js';

const known = ['max_delete', 'allow_empty', 'enabled', 'token', 'token_file', 'sources', 'name', 'url'];

describe('suggestKey', () => {
  it.each([
    ['max_delet', 'max_delete'],
    ['allow-empty', 'allow_empty'],
    ['tokn', 'token'],
    ['source', 'sources'],
    ['Name', 'name'],
    ['urls', 'url'],
    ['colour', undefined],
    ['enabled', undefined],
    ['x', undefined],
  ])('when the unknown key is %j, then the suggestion is %j', (key, suggestion) => {
    expect(suggestKey(key, known)).toBe(suggestion);
  });
});
