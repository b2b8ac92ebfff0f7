// The bad-input corpus: every file under fixtures/config/bad/ ends with `# expect:` lines, one
// per problem, and loading it must fail with exactly those problems (path, line, message).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const dir = fileURLToPath(new URL('../fixtures/config/bad/', import.meta.url));
const SECRET = 'corpus-secret-7f3c9a';
const cases = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();

function expectedMessage(file: string): string {
  const problems = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# expect: '))
    .map((line) => line.slice('# expect: '.length));
  const shown = relative(process.cwd(), file);
  if (problems.length === 0) throw new Error(`${file} has no "# expect:" line`);
  return problems.length === 1
    ? `${shown}: ${problems[0]}`
    : `${shown}: ${problems.length} problems:\n${problems.map((p) => ` - ${p}`).join('\n')}`;
}

describe('bad config corpus', () => {
  it('when the corpus is listed, then it holds at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('when the config is %s, then loading fails with exactly the expected problems', async (name) => {
    // Arrange
    const file = join(dir, name);
    const expected = expectedMessage(file);

    // Act
    const error = await loadConfig({ file, env: { WALDUR_TOKEN: SECRET } }).then(() => null, (err: unknown) => err);

    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(expected);
    expect((error as ConfigError).message).not.toContain(SECRET);
  });
});
