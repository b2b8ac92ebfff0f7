// Finding and reading the file: path precedence, size cap before reading, encoding, raw bytes.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH, loadConfig, MAX_CONFIG_BYTES } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const MINIMAL = `waldur:
  url: http://127.0.0.1:8000/api/
  token: \${WALDUR_TOKEN}
sources:
  - name: site
    kind: manifest
    location: upstream/site.yaml
    catalog: { name: Site modules, version: "1" }
`;
const env = { WALDUR_TOKEN: 'load-test-token' };

let dir: string;
const write = (name: string, content: string | Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
const failure = async (promise: Promise<unknown>): Promise<ConfigError> => {
  const error = await promise.then(() => null, (err: unknown) => err);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
};
const shown = (file: string) => relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-sync-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig: which file', () => {
  it('when options.file is given, then that file is loaded and locations resolve against its folder', async () => {
    const file = write('given.yaml', MINIMAL);
    const config = await loadConfig({ file, env: { ...env, CATALOG_SYNC_CONFIG: join(dir, 'other.yaml') } });
    expect(config.file).toBe(file);
    expect(config.sources[0]!.location).toBe(join(dir, 'upstream/site.yaml'));
  });

  it('when only CATALOG_SYNC_CONFIG is set, then that file is loaded', async () => {
    const file = write('from-env.yaml', MINIMAL);
    const config = await loadConfig({ env: { ...env, CATALOG_SYNC_CONFIG: file } });
    expect(config.file).toBe(file);
  });

  it('when nothing names a file, then config/catalog-sync.yaml of the working directory is loaded (the example config)', async () => {
    const config = await loadConfig({ env });
    expect(config.file).toBe(resolve(DEFAULT_CONFIG_PATH));
    expect(config.warnings).toEqual([]);
    expect(config.waldur.url).toBe('http://127.0.0.1:8000/api/');
    expect(config.sources.map((s) => [s.name, s.kind, s.location, s.catalog.name])).toEqual([
      ['eessi-2023-06', 'eessi', resolve('config/examples/eessi-example.json'), 'EESSI site'],
      ['site-modules', 'manifest', resolve('config/examples/site-manifest.yaml'), 'Site modules'],
    ]);
    expect(config.sources[0]!.options).toEqual({ eessi_version: '2023.06' });
  });
});

describe('loadConfig: unreadable files', () => {
  it('when the file does not exist, then the error names it and says how to point at another one', async () => {
    const file = join(dir, 'missing.yaml');
    const error = await failure(loadConfig({ file, env }));
    expect(error.message).toBe(`${shown(file)}: cannot read the config: file not found (give --config or set CATALOG_SYNC_CONFIG)`);
  });

  it('when the path is a directory, then it is refused', async () => {
    const error = await failure(loadConfig({ file: dir, env }));
    expect(error.message).toBe(`${shown(dir)}: cannot read the config: is a directory, not a file`);
  });

  it('when the file is 100 MB, then it is refused by its size, before it is read', async () => {
    // Arrange: 100 MiB of YAML-looking text.
    const file = join(dir, 'huge.yaml');
    const chunk = Buffer.from('- padding\n'.repeat(104_858).slice(0, 1024 * 1024));
    const fd = openSync(file, 'w');
    try {
      for (let i = 0; i < 100; i += 1) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }

    // Act
    const error = await failure(loadConfig({ file, env }));

    // Assert: the size in the message comes from stat, not from reading.
    expect(error.message).toBe(`${shown(file)}: is 104857600 bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config file: not read`);
    rmSync(file);
  });

  it('when the file is one byte over the cap, then it is refused, and at the cap it is parsed', async () => {
    const padding = (size: number) => MINIMAL + '#'.repeat(size - Buffer.byteLength(MINIMAL) - 1) + '\n';
    const over = write('over.yaml', padding(MAX_CONFIG_BYTES + 1));
    const at = write('at.yaml', padding(MAX_CONFIG_BYTES));
    expect((await failure(loadConfig({ file: over, env }))).message).toBe(
      `${shown(over)}: is ${MAX_CONFIG_BYTES + 1} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config file: not read`,
    );
    expect((await loadConfig({ file: at, env })).sources).toHaveLength(1);
  });

  it('when the file is not UTF-8, then the error gives the line of the first bad byte', async () => {
    const file = write('latin1.yaml', Buffer.concat([Buffer.from(MINIMAL), Buffer.from('# caf\xe9\n', 'latin1')]));
    const error = await failure(loadConfig({ file, env }));
    expect(error.message).toBe(`${shown(file)}: is not valid UTF-8 (first bad byte at line 9, column 6)`);
  });

  it('when the file holds raw control characters, then each is reported with line and column', async () => {
    const file = write('control.yaml', MINIMAL.replace('Site modules', 'Site\u0007modules').replace('name: site', 'name: si\u001bte'));
    const error = await failure(loadConfig({ file, env }));
    expect(error.message).toBe(
      `${shown(file)}: 2 problems:\n` +
        ' - line 5, column 13: control character U+001B is not allowed\n' +
        ' - line 8, column 26: control character U+0007 is not allowed',
    );
    expect(error.problems).toEqual([
      { path: '', message: 'control character U+001B is not allowed', line: 5, column: 13 },
      { path: '', message: 'control character U+0007 is not allowed', line: 8, column: 26 },
    ]);
  });

  it('when a byte-order mark starts the file, then it is ignored', async () => {
    const file = write('bom.yaml', `\ufeff${MINIMAL}`);
    expect((await loadConfig({ file, env })).sources[0]!.name).toBe('site');
  });

  it('when locations are relative, then they resolve against the config folder, not the working directory', async () => {
    mkdirSync(join(dir, 'nested'), { recursive: true });
    const file = write('nested/config.yaml', MINIMAL.replace('upstream/site.yaml', '../upstreams/site.yaml'));
    expect((await loadConfig({ file, env })).sources[0]!.location).toBe(join(dir, 'upstreams/site.yaml'));
  });
});
