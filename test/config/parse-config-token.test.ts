import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const TEXT = `waldur:
  url: http://127.0.0.1:8000/api/
  token: \${WALDUR_TOKEN}
sources:
  - name: site
    kind: manifest
    location: site.yaml
    catalog: { name: Site, version: "1" }
`;

describe('parseConfig needsToken', () => {
  it('when the token variable is unset and the command needs the token, then it is a config error', () => {
    expect(() => parseConfig(TEXT, { file: null, env: {} })).toThrow(ConfigError);
    expect(() => parseConfig(TEXT, { file: null, env: {} })).toThrow(/WALDUR_TOKEN/);
  });

  it('when the token variable is unset and the command does not need it, then the config loads with an empty token', () => {
    const config = parseConfig(TEXT, { file: null, env: {}, needsToken: false });
    expect(config.waldur.token).toBe('');
    expect(config.sources.map((s) => s.name)).toEqual(['site']);
  });

  it('when token_file points nowhere and the token is not needed, then the file is not read', () => {
    const text = TEXT.replace('token: ${WALDUR_TOKEN}', 'token_file: /nonexistent/secret');
    expect(() => parseConfig(text, { file: null, env: {} })).toThrow(/token file/);
    expect(parseConfig(text, { file: null, env: {}, needsToken: false }).waldur.token).toBe('');
  });

  it('when other problems exist and the token is not needed, then they are still reported', () => {
    const text = TEXT.replace('kind: manifest', 'kind: nope');
    expect(() => parseConfig(text, { file: null, env: {}, needsToken: false })).toThrow(/sources\[0\]\.kind/);
  });

  it('when tokens come from files, then the config lists the files (relative to the config) for the daemon to watch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-files-'));
    try {
      writeFileSync(join(dir, 'waldur-token'), 'token-from-file\n');
      writeFileSync(join(dir, 'api-token'), 'api-token-from-file-0123456789abcdef');
      const text = `${TEXT.replace('token: ${WALDUR_TOKEN}', 'token_file: waldur-token')}server:\n  api_token_file: \${API_FILE}\n`;

      const config = parseConfig(text, { file: join(dir, 'catalog-sync.yaml'), env: { API_FILE: join(dir, 'api-token') } });

      expect(config.waldur.token).toBe('token-from-file');
      expect(config.secretFiles).toEqual([join(dir, 'waldur-token'), join(dir, 'api-token')]);
      expect(parseConfig(TEXT, { file: null, env: { WALDUR_TOKEN: 'x-token' } }).secretFiles).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
