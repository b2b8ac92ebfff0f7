import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const TOKEN = 'validate-test-token-0123456789';

let dir: string;
let configFile: string;

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function validate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(['node', 'catalog-sync', 'validate', '--config', configFile, ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { LOG_FORMAT: 'json' },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-'));
  configFile = join(dir, 'catalog-sync.yaml');
  // Relative locations are resolved against the config file's folder.
  await writeFile(join(dir, 'empty.yaml'), 'packages: []\n');
  await writeFile(
    configFile,
    `waldur:
  url: http://127.0.0.1:9/api/
  token: ${TOKEN}
sources:
  - name: eessi-site
    kind: eessi
    location: ${FIXTURES}eessi/software-objects.json
    options: { eessi_version: "2023.06" }
    catalog: { name: Site EESSI, version: "2023.06" }
  - name: broken
    kind: manifest
    location: ${FIXTURES}bad/wrong-types.yaml
    catalog: { name: Broken, version: "1" }
  - name: site
    kind: manifest
    location: ${FIXTURES}manifest/site.yaml
    catalog: { name: Site modules, version: "1" }
  - name: relative
    kind: manifest
    location: empty.yaml
    catalog: { name: Empty, version: "1" }
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('catalog-sync validate', () => {
  it('when one source is broken, then the others are still read, the error is shown and the exit code is 1', async () => {
    const { code, stdout } = await validate();

    expect(code).toBe(1);
    expect(stdout).toContain('eessi-site (eessi)');
    expect(stdout).toContain('  ok: 4 packages, 5 versions, 8 targets, 2 warnings, 1 skipped item\n');
    expect(stdout).toContain(
      `  FAILED: source broken: ${FIXTURES}bad/wrong-types.yaml:7:18: packages[1].versions[0].version: expected string, received number (quote it, e.g. "1.10")\n`,
    );
    expect(stdout).toContain('  skipped: packages[3]: empty name; package skipped\n');
    expect(stdout).toContain(`relative (manifest) ${join(dir, 'empty.yaml')}\n  ok: 0 packages, 0 versions, 0 targets\n`);
    expect(stdout).toMatch(/\n3 of 4 sources read, 1 failed\n$/);
  });

  it('when --source names a good source, then only it is read and the exit code is 0', async () => {
    const { code, stdout } = await validate('--source', 'site');

    expect(code).toBe(0);
    expect(stdout).toContain('site (manifest)');
    expect(stdout).not.toContain('eessi-site');
    expect(stdout).toContain('  warning: Alpha: 2 entries with this name; merged into one package\n');
  });

  it('when --json is given, then every source is one object with counts, warnings and errors', async () => {
    const { stdout } = await validate('--json');

    const parsed = JSON.parse(stdout) as { config_warnings: string[]; sources: Array<Record<string, unknown>> };
    expect(parsed.sources.map((s) => [s.source, s.ok])).toEqual([
      ['eessi-site', true],
      ['broken', false],
      ['site', true],
      ['relative', true],
    ]);
    expect(parsed.sources[0]).toMatchObject({ kind: 'eessi', packages: 4, versions: 5, targets: 8 });
    expect(parsed.sources[1]!.error).toMatch(/^source broken: .*wrong-types\.yaml:7:18: /);
    expect(parsed.sources[2]!.item_errors).toHaveLength(2);
  });

  it('when --source names an unknown source, then it fails with the configured names', async () => {
    const { code, stderr } = await validate('--source', 'nope');

    expect(code).toBe(1);
    expect(stderr).toContain('unknown source "nope"; configured sources: eessi-site, broken, site, relative');
  });

  it('when sources are read, then log lines carry source and run, and the token appears nowhere', async () => {
    const { stdout, stderr } = await validate();

    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.source).toEqual(expect.any(String));
      expect(line.run).toEqual(expect.stringMatching(new RegExp(`^${String(line.source)}-`)));
    }
    expect(`${stdout}${stderr}`).not.toContain(TOKEN);
  });
});

describe('catalog-sync validate without a token', () => {
  it('when the token variable is unset, then validate still reads the sources (it never calls Waldur)', async () => {
    // Arrange
    const file = join(dir, 'no-token.yaml');
    await writeFile(
      file,
      `waldur:
  url: http://127.0.0.1:9/api/
  token: \${WALDUR_TOKEN}
sources:
  - name: site
    kind: manifest
    location: ${FIXTURES}manifest/site.yaml
    catalog: { name: Site modules, version: "1" }
`,
    );
    const stdout = collector();
    const stderr = collector();
    // Act
    const code = await main(['node', 'catalog-sync', 'validate', '--config', file], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: { LOG_FORMAT: 'json' },
    });
    // Assert
    expect(stderr.text()).not.toContain('WALDUR_TOKEN');
    expect(code).toBe(0);
    expect(stdout.text()).toContain('site');
  });
});

describe('catalog-sync validate with several files and companions', () => {
  it('when a source reads several files and a companion, then each file and the companion get a line with their counts', async () => {
    // Arrange
    const file = join(dir, 'several.yaml');
    await writeFile(
      file,
      `waldur:
  url: http://127.0.0.1:9/api/
  token: ${TOKEN}
sources:
  - name: trees
    kind: lmod
    location: [${FIXTURES}multi/trees/core.json, ${FIXTURES}multi/trees/gpu.json]
    catalog: { name: Site modules, version: "1" }
  - name: stack
    kind: easystack
    location: ${FIXTURES}multi/stacks/*.yml
    enrich:
      - kind: eessi
        location: ${FIXTURES}eessi/software-objects.json
        options: { eessi_version: "2023.06" }
    catalog: { name: Site stack, version: "1" }
`,
    );
    const stdout = collector();
    // Act
    const code = await main(['node', 'catalog-sync', 'validate', '--config', file], {
      stdout: stdout.stream,
      stderr: collector().stream,
      env: { LOG_FORMAT: 'json' },
    });
    // Assert
    const shown = (path: string) => relative(process.cwd(), `${FIXTURES}${path}`);
    expect(code).toBe(0);
    expect(stdout.text()).toContain(
      [
        `trees (lmod) ${shown('multi/trees/core.json')}, ${shown('multi/trees/gpu.json')}`,
        '  ok: 3 packages, 5 versions, 0 targets, 1 warning',
        `  file ${shown('multi/trees/core.json')}: 2 packages, 2 versions`,
        `  file ${shown('multi/trees/gpu.json')}: 3 packages, 4 versions`,
        `  warning: gccx: description differs in ${shown('multi/trees/gpu.json')}; kept the one from ${shown('multi/trees/core.json')}`,
        `stack (easystack) ${shown('multi/stacks/*.yml')}`,
        '  ok: 4 packages, 5 versions, 0 targets, 1 warning',
        `  file ${shown('multi/stacks/2023a.yml')}: 2 packages, 2 versions`,
        `  file ${shown('multi/stacks/2023b.yml')}: 3 packages, 3 versions`,
        `  enrich (eessi) ${shown('eessi/software-objects.json')}: 4 packages; filled 2 descriptions and 2 homepages`,
        '  warning: 2 package(s) are in none of the enrich catalogs (matched by exact name)',
        '',
      ].join('\n'),
    );
  });
});
