// The end-to-end bad-input corpus: malformed configs and upstream files (fixtures/bad-input/,
// plus 100 MB files made at test time) go through the user-facing `catalog-sync validate`.
// Each case must end in exactly one error that names the file, the field or position, and
// the problem, with a non-zero exit code and without the token anywhere in the output.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/daemon-harness.js';

const CONFIGS = 'test/fixtures/bad-input/config';
const UPSTREAM = fileURLToPath(new URL('../fixtures/bad-input/upstream/', import.meta.url));
const TOKEN = 'corpus-token-5d41402abc4b2a76';
const MIB = 1024 * 1024;
const HUGE_BYTES = 100 * MIB;

/** A config file of the corpus, refused before any source is read: the error is on stderr. */
interface ConfigCase {
  file: string;
  /** The message after "catalog-sync: <file>: ". */
  error: string;
}

const CONFIG_CASES: ConfigCase[] = [
  { file: 'sources-not-a-list.yaml', error: 'sources (line 5, column 1): must be a list (got a mapping)' },
  { file: 'prune-enabled-yes.yaml', error: 'sources[0].prune.enabled (line 11, column 7): must be true or false (got a string)' },
  { file: 'unknown-kind.yaml', error: 'sources[0].kind (line 7, column 5): must be one of eessi, spack-index, spack-env, manifest, lmod, easystack, spack-yaml' },
  { file: 'hour-out-of-range.yaml', error: 'sources[0].schedule (line 10, column 5): is not a valid cron expression: the hour field is not valid' },
  {
    file: 'schedule-in-words.yaml',
    error:
      'defaults.schedule (line 6, column 3): is not a valid cron expression: expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first',
  },
  { file: 'duplicate-source-names.yaml', error: 'sources[2].name (line 15, column 5): duplicate source name (already used by sources[0])' },
  {
    file: 'location-env-unset.yaml',
    error:
      'sources[0].location (line 8, column 5): environment variable CATALOG_SYNC_CORPUS_MANIFEST is not set (and no default is given with ${CATALOG_SYNC_CORPUS_MANIFEST:-default})',
  },
  { file: 'waldur-url-with-space.yaml', error: 'waldur.url (line 3, column 3): must be an http(s) URL of the Waldur API root, e.g. https://waldur.example.org/api/' },
  { file: 'location-bad-url.yaml', error: 'sources[0].location (line 8, column 5): is not a valid http(s) URL' },
  { file: 'catalog-version-too-long.yaml', error: 'sources[0].catalog.version (line 11, column 7): must be at most 50 characters (got 51)' },
  { file: 'raw-escape-character.yaml', error: 'line 9, column 28: control character U+001B is not allowed' },
  { file: 'alias-bomb.yaml', error: 'line 7, column 12: YAML aliases expand to too many nodes (limit 100): refusing a possible alias bomb' },
  { file: 'tab-indentation.yaml', error: 'line 10, column 1: YAML syntax error: Tabs are not allowed as indentation' },
  { file: 'scalar-document.yaml', error: 'line 2, column 1: the file must be a mapping with waldur: and sources: (got a string)' },
  { file: 'latin1-bytes.yaml', error: 'is not valid UTF-8 (first bad byte at line 9, column 38)' },
];

/** An upstream file of the corpus behind a valid config: validate reports the source as FAILED. */
interface UpstreamCase {
  file: string;
  kind: 'manifest' | 'eessi' | 'spack-env';
  /** The message after "source site: <path>". */
  error: string;
}

const UPSTREAM_CASES: UpstreamCase[] = [
  { file: 'extension-flag-string.yaml', kind: 'manifest', error: ':9:19: packages[1].is_extension: expected boolean, received string' },
  { file: 'misspelt-key.yaml', kind: 'manifest', error: ':5:17: packages[0].descripton: unknown key "descripton"' },
  { file: 'alias-bomb.yaml', kind: 'manifest', error: ':5:10: YAML expands too many aliases (more than 100): refusing a possible alias bomb' },
  { file: 'impossible-date.yaml', kind: 'manifest', error: ':7:23: packages[0].versions[0].release_date: Invalid ISO date' },
  { file: 'packages-as-mapping.yaml', kind: 'manifest', error: ':4:3: packages: expected array, received object' },
  { file: 'trailing-comma.json', kind: 'manifest', error: ':6:3: invalid JSON: unexpected "]", expected a value' },
  {
    file: 'unclosed-flow-sequence.yaml',
    kind: 'manifest',
    error: ':6:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  },
  { file: 'manifest-version-2.yaml', kind: 'manifest', error: ':2:19: manifest_version: expected 1' },
  {
    file: 'target-without-family.yaml',
    kind: 'manifest',
    error: ':8:13: packages[0].versions[0].targets[0].cpu_family: expected string, received undefined',
  },
  { file: 'spack-lock-no-specs.json', kind: 'spack-env', error: ': concrete_specs: expected record, received array' },
  { file: 'eessi-strings-for-cpu-arch.json', kind: 'eessi', error: ': software.GROMACS.versions[0].cpu_arch: expected array, received string' },
];

/**
 * Bad items inside an otherwise readable file: the file is still read (one bad name must not stop
 * a whole catalog), so validate exits 0 but names the skipped item and why.
 */
const ITEM_CASES = [
  { file: 'name-over-200-characters.yaml', skipped: 'packages[1]: name longer than 200 characters (203); package skipped' },
  { file: 'escape-in-name.yaml', skipped: 'packages[0]: name contains control characters; package skipped' },
];

let dir: string;
let hugeManifest: string;
let hugeConfig: string;

/** A config with one source `site` reading `location`. */
function writeSourceConfig(name: string, kind: string, location: string, extra: string[] = []): string {
  const file = join(dir, `${name}.config.yaml`);
  const lines = [
    'waldur:',
    '  url: https://waldur.example.org/api/',
    '  token: ${WALDUR_TOKEN}',
    'sources:',
    '  - name: site',
    `    kind: ${kind}`,
    `    location: ${JSON.stringify(location)}`,
    ...(kind === 'eessi' ? ['    options: { eessi_version: "2023.06" }'] : []),
    '    catalog: { name: Site software, version: "2026.1" }',
    ...extra,
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `size` bytes: `head`, then `line(i)` repeated, cut to the exact size. Written in 1 MiB steps. */
function writeHugeFile(file: string, head: string, line: (i: number) => string, size: number): void {
  writeFileSync(file, head);
  let written = Buffer.byteLength(head);
  for (let chunk = 0; written < size; chunk += 1) {
    let text = '';
    for (let i = 0; text.length < MIB; i += 1) text += line(chunk * 100_000 + i);
    const bytes = Buffer.from(text).subarray(0, Math.min(MIB, size - written));
    appendFileSync(file, bytes);
    written += bytes.length;
  }
}

async function validate(configFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['validate', '--config', configFile], { WALDUR_TOKEN: TOKEN, LOG_FORMAT: 'json' });
}

/** Text lines of stdout that report a failed source. */
const failedLines = (stdout: string) => stdout.split('\n').filter((l) => l.includes('FAILED'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
  hugeManifest = join(dir, 'huge-manifest.yaml');
  writeHugeFile(hugeManifest, 'manifest_version: 1\npackages:\n', (i) => `  - name: tool-${i}\n    description: Synthetic filler package ${i}.\n`, HUGE_BYTES);
  hugeConfig = join(dir, 'huge-config.yaml');
  const head = 'waldur:\n  url: https://waldur.example.org/api/\n  token: ${WALDUR_TOKEN}\n';
  writeHugeFile(hugeConfig, head, (i) => `# note ${i}: a very long comment block that nobody should ever write\n`, HUGE_BYTES);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bad-input corpus through `catalog-sync validate`', () => {
  it('when the corpus is counted, then it holds at least 20 cases that must fail', () => {
    // Config and upstream fixtures, plus the generated ones below (huge config, huge manifest
    // twice, missing config, missing manifest).
    expect(CONFIG_CASES.length + UPSTREAM_CASES.length + 5).toBeGreaterThanOrEqual(20);
  });

  it.each(CONFIG_CASES)('when the config is $file, then validate exits 1 with exactly that error', async ({ file, error }) => {
    // Act
    const result = await validate(`${CONFIGS}/${file}`);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`catalog-sync: ${CONFIGS}/${file}: ${error}\n`);
    expect(result.stdout).toBe('');
  });

  it.each(UPSTREAM_CASES)('when the $kind file is $file, then validate reports the source failed with exactly that error', async ({ file, kind, error }) => {
    // Arrange
    const location = join(UPSTREAM, file);
    const configFile = writeSourceConfig(file, kind, location);

    // Act
    const result = await validate(configFile);

    // Assert
    expect(result.code).toBe(1);
    expect(failedLines(result.stdout)).toEqual([`  FAILED: source site: ${location}${error}`]);
    expect(result.stdout).toMatch(/\n0 of 1 source read, 1 failed\n$/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
  });

  it.each(ITEM_CASES)('when the manifest $file has one bad name, then that item is named as skipped and the rest is read', async ({ file, skipped }) => {
    const configFile = writeSourceConfig(file, 'manifest', join(UPSTREAM, file));

    const result = await validate(configFile);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  ok: 1 package, 0 versions, 0 targets, 1 skipped item\n');
    expect(result.stdout.split('\n').filter((l) => l.startsWith('  skipped: '))).toEqual([`  skipped: ${skipped}`]);
  });

  it('when the config file is 100 MB, then it is refused by its size without being parsed', async () => {
    const result = await validate(hugeConfig);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`catalog-sync: ${hugeConfig}: is ${HUGE_BYTES} bytes, over the ${MIB}-byte limit for a config file: not read\n`);
  });

  it('when a manifest is 100 MB, then it is refused by fetch.max_bytes', async () => {
    const configFile = writeSourceConfig('huge-default-limit', 'manifest', hugeManifest);

    const result = await validate(configFile);

    expect(result.code).toBe(1);
    expect(failedLines(result.stdout)).toEqual([`  FAILED: source site: ${hugeManifest}: file is larger than the 64 MiB limit (fetch.max_bytes)`]);
  });

  it('when a 100 MB YAML manifest is allowed by a raised fetch.max_bytes, then the YAML size guard still refuses to parse it', async () => {
    const configFile = writeSourceConfig('huge-raised-limit', 'manifest', hugeManifest, ['    fetch: { max_bytes: 128MiB }']);

    const result = await validate(configFile);

    expect(result.code).toBe(1);
    expect(failedLines(result.stdout)).toEqual([
      `  FAILED: source site: ${hugeManifest}: YAML manifest larger than 40 MiB: write it as JSON (same schema) or split it into several sources`,
    ]);
  });

  it('when the config file does not exist, then validate says so and how to name one', async () => {
    const missing = join(dir, 'absent.yaml');

    const result = await validate(missing);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`catalog-sync: ${missing}: cannot read the config: file not found (give --config or set CATALOG_SYNC_CONFIG)\n`);
  });

  it('when the manifest a source names does not exist, then that source fails naming the path', async () => {
    const missing = join(dir, 'no-such-manifest.yaml');
    const configFile = writeSourceConfig('missing-manifest', 'manifest', missing);

    const result = await validate(configFile);

    expect(result.code).toBe(1);
    expect(failedLines(result.stdout)).toEqual([`  FAILED: source site: ${missing}: file not found`]);
  });
});
