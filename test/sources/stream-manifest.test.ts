import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseManifest } from '../../src/sources/parse-manifest.js';
import { readSource } from '../../src/sources/read-source.js';
import { streamJsonMembers } from '../../src/sources/stream-json-members.js';
import { streamManifest } from '../../src/sources/stream-manifest.js';
import { generateManifestJson } from '../support/generate-catalog.js';
import { captureLogger, sourceConfig, sourceError } from './source-fixtures.js';
import { startUpstreamServer, type UpstreamServer } from './upstream-server.js';

/** The bytes of `text` in pieces of `size` (1: every byte on its own, so every boundary is crossed). */
function* pieces(text: string, size: number): Generator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const SIZES = [1, 2, 3, 7, 64, 1 << 20];

const VALID: Array<[string, string]> = [
  ['a generated manifest', generateManifestJson({ packages: 12, versionsPerPackage: 2, targetsPerVersion: 3, seed: 5 })],
  ['pretty-printed, with a byte order mark', `\ufeff${JSON.stringify(JSON.parse(generateManifestJson({ packages: 3, seed: 6 })), null, 2)}\n`],
  ['packages first, escapes, braces and non-ASCII in strings', String.raw`{"packages": [{"name": "qu\"o{te}[s] \\", "description": "é ✓ 😀 \u00e9\n", "homepage": null, "versions": [{"version": "1.0", "release_date": "2025-01-31", "targets": []}]}], "manifest_version": 1}`],
  ['runs of backslashes before quotes', String.raw`{"packages": [{"name": "x\\\"y\\\\", "description": "\\\\\\\"\"\\", "homepage": null}], "manifest_version": 1}`],
  ['an empty package list', '{"manifest_version": 1, "packages": []}'],
  ['whitespace everywhere', ' \n\t{ "packages" :\r\n [ { "name" : "a" } , { "name" : "b" , "is_extension" : true } ] }  \n'],
];

const INVALID: Array<[string, string]> = [
  ['a syntax error inside a package', '{"packages": [{"name": "a",}]}'],
  ['a missing comma between packages', '{"packages": [{"name": "a"} {"name": "b"}]}'],
  ['a trailing comma in the list', '{"packages": [{"name": "a"},]}'],
  ['text after the document', '{"packages": []} {}'],
  ['a truncated document', '{"packages": [{"name": "a"}'],
  ['a schema problem in a package', '{"packages": [{"name": "a", "versions": [{"version": ""}]}]}'],
  ['an unknown top-level key', '{"packages": [], "extra": 1}'],
  ['a wrong manifest_version', '{"manifest_version": 2, "packages": []}'],
  ['packages that are not a list', '{"packages": {}}'],
  ['no packages at all', '{"manifest_version": 1}'],
  ['a repeated key', '{"packages": [], "packages": [{"name": "a"}]}'],
  ['a top level that is a list', '[{"name": "a"}]'],
  ['YAML', 'packages:\n  - name: a\n'],
  ['whitespace before the byte order mark', ' \ufeff{"packages": []}'],
  ['a raw control character in a string', '{"packages": [{"name": "a\u0001"}]}'],
];

describe('streamManifest', () => {
  it.each(VALID)('when the JSON manifest is %s, then every split of its bytes gives what parsing the whole text gives', async (_what, text) => {
    const whole = parseManifest(text.replace(/^\ufeff/, ''), 'file');

    for (const size of SIZES) {
      expect(await streamManifest(pieces(text, size)), `pieces of ${size} bytes`).toEqual(whole);
    }
  });

  it.each(INVALID)('when the document has %s, then the stream declines it (the whole-text parse words the error)', async (_what, text) => {
    for (const size of SIZES) {
      expect(await streamManifest(pieces(text, size)), `pieces of ${size} bytes`).toBeNull();
    }
  });

  it('when bytes are not UTF-8, then the stream declines them', async () => {
    const bytes = Buffer.concat([Buffer.from('{"packages": [{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]);

    expect(await streamManifest([bytes])).toBeNull();
  });

  it('when a member value is a number, string or literal, then it is parsed on its own', async () => {
    const result = await streamJsonMembers(pieces('{"a": -1.5e3, "b": "x", "c": true, "d": null, "list": [1, "two"]}', 1), 'list', () => true);

    expect(result).toEqual({ members: new Map<string, unknown>([['a', -1500], ['b', 'x'], ['c', true], ['d', null], ['list', []]]), streamed: true });
  });

  it('when the element handler refuses an element, then reading stops there', async () => {
    const seen: unknown[] = [];

    const result = await streamJsonMembers(pieces('{"list": [1, 2, 3]}', 1), 'list', (value) => seen.push(value) < 2);

    expect(result).toBeNull();
    expect(seen).toEqual([1, 2]);
  });
});

describe('readSource of a JSON manifest', () => {
  let dir: string;
  let server: UpstreamServer;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stream-manifest-'));
    server = await startUpstreamServer();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Lengths of the texts JSON.parse is given during the read. */
  function watchJsonParse(): number[] {
    const lengths: number[] = [];
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      lengths.push(text.length);
      return parse(text, reviver) as unknown;
    });
    return lengths;
  }

  it('when a large local manifest is JSON, then it is never parsed whole, and it reads as its YAML twin does', async () => {
    const text = generateManifestJson({ packages: 300, versionsPerPackage: 2, targetsPerVersion: 3, seed: 8 });
    const file = join(dir, 'site.json');
    await writeFile(file, text);
    const expected = parseManifest(text, file);
    const lengths = watchJsonParse();

    const catalog = await readSource(sourceConfig({ name: 'site', kind: 'manifest', location: file }), { logger: captureLogger().logger });

    expect(Math.max(...lengths)).toBeLessThan(text.length / 100);
    expect(catalog.packages.map((p) => p.name)).toEqual(expected.packages.map((p) => p.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(catalog.files).toEqual([expect.objectContaining({ packages: 300, versions: 600, bytes: Buffer.byteLength(text) })]);
  });

  it('when the manifest URL serves JSON, then the body is streamed from memory, not parsed whole', async () => {
    const text = generateManifestJson({ packages: 300, seed: 9 });
    server.route('/site.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(text));
    const lengths = watchJsonParse();

    const catalog = await readSource(sourceConfig({ name: 'site', kind: 'manifest', location: `${server.url}/site.json` }), { logger: captureLogger().logger });

    expect(catalog.packages).toHaveLength(300);
    expect(Math.max(...lengths)).toBeLessThan(text.length / 100);
  });

  it('when a JSON manifest has a syntax error deep inside, then the error names its line and column as before', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "packages": [\n    {"name": "a"},\n    {"name": "b",, "description": "x"}\n  ]\n}\n');

    const error = await sourceError(readSource(sourceConfig({ name: 'site', kind: 'manifest', location: file }), { logger: captureLogger().logger }));

    expect(error.message).toBe(`source site: ${file}:4:18: invalid JSON: unexpected ",", expected a property name in double quotes`);
  });

  it('when a JSON manifest breaks the schema, then the error names the field path as before', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ packages: [{ name: 'a' }, { name: 'b', versions: [{ version: '1', targets: [{ cpu_family: 'x86_64' }] }] }] }));

    const error = await sourceError(readSource(sourceConfig({ name: 'site', kind: 'manifest', location: file }), { logger: captureLogger().logger }));

    expect(error.message).toMatch(/: packages\[1\]\.versions\[0\]\.targets\[0\]\.cpu_microarchitecture: /);
  });

  it('when the JSON manifest is a .gz file, then it is inflated and read whole, to the same packages', async () => {
    const text = generateManifestJson({ packages: 20, seed: 10 });
    await writeFile(join(dir, 'site.json'), text);
    await writeFile(join(dir, 'site.json.gz'), gzipSync(text));
    const read = (name: string) => readSource(sourceConfig({ name: 'site', kind: 'manifest', location: join(dir, name) }), { logger: captureLogger().logger });

    const [plain, zipped] = await Promise.all([read('site.json'), read('site.json.gz')]);

    expect(zipped.packages).toEqual(plain.packages);
  });

  it('when the file is larger than fetch.max_bytes, then it is refused as before', async () => {
    const file = join(dir, 'big.json');
    await writeFile(file, generateManifestJson({ packages: 50, seed: 11 }));
    const source = sourceConfig({ name: 'site', kind: 'manifest', location: file, fetch: { maxBytes: 1024, timeoutMs: 10_000, maxRedirects: 5 } });

    const error = await sourceError(readSource(source, { logger: captureLogger().logger }));

    expect(error.message).toBe(`source site: ${file}: file is larger than the 1 KiB limit (fetch.max_bytes)`);
  });
});
