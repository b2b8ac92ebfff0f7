// server.api_token / api_token_file / webhook_secret / ui and notifications: their rules, and
// that no secret reaches an error or warning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { listSecrets } from '../../src/config/list-secrets.js';
import { ConfigError } from '../../src/errors.js';

const HEAD = `waldur:
  url: http://127.0.0.1:8000/api/
  token: waldur-token-1
`;
const SOURCES = `sources:
  - name: site
    kind: manifest
    location: site.yaml
    catalog: { name: Site, version: "1" }
`;
const parse = (middle: string, file: string | null = null) => parseConfig(`${HEAD}${middle}${SOURCES}`, { file, env: {} });
const problemsOf = (middle: string): string => {
  try {
    parse(middle);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('parseConfig: the HTTP API keys', () => {
  it('when api_token_file names a file, then the token is read from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-token-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'api-token'), 'from-a-file-0123456789\n');
    const config = parse('server:\n  api_token_file: api-token\n', join(dir, 'catalog-sync.yaml'));
    expect(config.server.apiToken).toBe('from-a-file-0123456789');
  });

  it('when both api_token and api_token_file are given, then that is one problem', () => {
    expect(problemsOf('server:\n  api_token: t-0123456789abcdef\n  api_token_file: x\n')).toContain('server.api_token_file (line 6, column 3): give either api_token or api_token_file, not both');
  });

  it('when webhook_secret is set without an API token, then it is refused with the reason', () => {
    expect(problemsOf('server:\n  webhook_secret: s3cret-value\n')).toContain('server.webhook_secret (line 5, column 3): needs api_token or api_token_file');
  });

  it('when the API token is short, then a warning says so and does not show it', () => {
    const config = parse('server:\n  api_token: short-tok\n');
    expect(config.warnings).toEqual([expect.stringContaining('server.api_token (line 5, column 3): is shorter than 16 characters')]);
    expect(config.warnings.join('')).not.toContain('short-tok');
  });

  it('when the token has whitespace, then the message does not repeat it', () => {
    const message = problemsOf('server:\n  api_token: "two words-0123456789"\n');
    expect(message).toContain('server.api_token (line 5, column 3): must not contain whitespace');
    expect(message).not.toContain('two words');
  });
});

describe('parseConfig: notifications', () => {
  it.each([
    ['a URL that is not http(s)', '  - url: ftp://example.org/x\n    events: [changed]\n', 'notifications[0].url (line 5, column 5): must be an http(s) URL'],
    ['no events', '  - url: https://example.org/hook\n', 'notifications[0].events (line 5, column 5): is required'],
    ['an empty event list', '  - url: https://example.org/hook\n    events: []\n', 'notifications[0].events (line 6, column 5): must be a list of events'],
    ['an unknown event', '  - url: https://example.org/hook\n    events: [changed, deleted]\n', 'notifications[0].events[1] (line 6, column 23): must be one of changed, refused, failed, pending_approval'],
    ['an unknown format', '  - url: https://example.org/hook\n    events: [failed]\n    format: teams\n', 'notifications[0].format (line 7, column 5): must be one of json, slack'],
    ['a misspelt key', '  - url: https://example.org/hook\n    events: [failed]\n    secrett: x\n', 'notifications[0].secrett (line 7, column 5): unknown key (did you mean secret?)'],
  ])('when an entry has %s, then the problem names the key and line', (_name, entry, expected) => {
    expect(problemsOf(`notifications:\n${entry}`)).toContain(expected);
  });

  it('when a URL holds a secret and is invalid elsewhere, then no message repeats the URL', () => {
    const message = problemsOf('notifications:\n  - url: https://hooks.example.org/services/SECRETPATH\n    events: [nope]\n');
    expect(message).not.toContain('SECRETPATH');
  });

  it('when secrets are listed for the logger, then every token, secret and notification URL is among them', () => {
    const config = parse(`server:
  api_token: api-token-0123456789
  webhook_secret: hook-secret-1
notifications:
  - url: https://hooks.example.org/services/T0/B0/xyz
    events: [failed]
    secret: notify-secret-1
`);
    expect(listSecrets(config).sort()).toEqual(
      ['api-token-0123456789', 'hook-secret-1', 'https://hooks.example.org/services/T0/B0/xyz', 'notify-secret-1', 'waldur-token-1'].sort(),
    );
  });
});

describe('parseConfig: commands that need no token', () => {
  it('when the API token file is missing and the command needs no token, then the config loads and holds no token', () => {
    const text = `${HEAD}server:\n  api_token_file: /nonexistent/api-token\n  webhook_secret: hook-secret-1\n${SOURCES}`;

    expect(() => parseConfig(text, { file: null, env: {} })).toThrow(/server\.api_token_file .*cannot read token file/);
    const config = parseConfig(text, { file: null, env: {}, needsToken: false });

    expect(config.server.apiToken).toBe('');
    expect(config.warnings).toEqual([]);
  });
});
