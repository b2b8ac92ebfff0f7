import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/config/parse-yaml-text.js';

const value = (text: string, options = { mergeKeys: false }) => {
  const yaml = parseYamlText(text, options);
  if (!yaml.ok) throw new Error(JSON.stringify(yaml.problems));
  return yaml.value;
};

describe('parseYamlText (the one YAML guard of configs and upstream documents)', () => {
  it('when a key looks like a number, then it stays the text it is (1.10 is not 1.1)', () => {
    expect(value('1.10: a\n1.2: b\n')).toEqual({ '1.10': 'a', '1.2': 'b' });
  });

  it('when the document declares %YAML 1.1, then yes/no stay text (YAML 1.2 core schema)', () => {
    expect(value('%YAML 1.1\n---\nenabled: yes\n')).toEqual({ enabled: 'yes' });
  });

  it('when merge keys are allowed, then <<: merges; when not, it is an ordinary key', () => {
    const text = 'base: &b {a: 1}\nuse:\n  <<: *b\n  c: 2\n';

    expect(value(text, { mergeKeys: true })).toMatchObject({ use: { a: 1, c: 2 } });
    expect(value(text, { mergeKeys: false })).toMatchObject({ use: { '<<': { a: 1 }, c: 2 } });
  });

  it('when control characters are refused, then each is a problem at its line and column; otherwise they pass', () => {
    const text = 'a: "x"\nb: "\u001b[31m"\n';

    expect(parseYamlText(text, { mergeKeys: false, rejectControlCharacters: true })).toEqual({
      ok: false,
      problems: [{ kind: 'control-character', code: '001B', line: 2, column: 5 }],
    });
    expect(parseYamlText(text, { mergeKeys: false }).ok).toBe(true);
  });

  it('when aliases expand beyond the limit, then it is an alias bomb at the first alias', () => {
    const text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n';

    expect(parseYamlText(text, { mergeKeys: false, maxAliasCount: 50 })).toEqual({ ok: false, problems: [{ kind: 'alias-bomb', limit: 50, line: 2, column: 8 }] });
  });

  it('when nesting is limited, then a deeper document is refused', () => {
    expect(parseYamlText('a: [[[[1]]]]\n', { mergeKeys: false, maxDepth: 3 })).toEqual({ ok: false, problems: [{ kind: 'too-deep', limit: 3 }] });
  });

  it('when a key repeats, then it is a syntax problem with the parser\'s code and position', () => {
    const yaml = parseYamlText('a: 1\na: 2\n', { mergeKeys: false });

    expect(yaml).toMatchObject({ ok: false, problems: [{ kind: 'syntax', code: 'DUPLICATE_KEY', line: 2, column: 1 }] });
  });
});
