import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/sources/read-source.js';
import { shuffleJson } from './shuffle-json.js';
import { captureLogger, fixture, sourceConfig, sourceError } from './source-fixtures.js';

function read(location: string) {
  const source = sourceConfig({ name: 'lmod-test', kind: 'lmod', location });
  return readSource(source, { logger: captureLogger().logger });
}

const failure = (location: string) => sourceError(read(location));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lmod-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSource kind lmod: software page (spider -o jsonSoftwarePage)', () => {
  it('when a page is read, then names, descriptions, first usable URLs and versions from `full` come out', async () => {
    const catalog = await read(fixture('lmod/software-page.json'));

    expect(catalog.packages.map((p) => [p.name, p.description, p.homepage, p.versions.map((v) => v.version)])).toEqual([
      ['.scl/python', '', null, ['3.6']],
      ['cudakit', '', null, ['4.1.git48ab119', '7.5']],
      ['mist', 'A tool without versions.', null, []],
      ['python3/numpy', 'Numerical arrays for Python 3.', null, ['1.17.4']],
      // Two modules share versionName "4.2.1-gcc10": versions are keyed by `full`, never versionName.
      ['rlang', 'The R-like statistics language', 'https://rlang.example.org/', ['4.2.1', '4.2.1-gcc10']],
      [
        'seqtools',
        'Seqtools reads and writes sequence files.\nExamples: `seqtools --version`',
        'https://seqtools.example.org/',
        ['2.1', '2.2'],
      ],
      // An ftp URL comes first in the list: the first http(s) token is taken.
      ['sunkit', 'Made by Sun M\\\nicrosystems, Zürich office', 'http://sunkit.example.org', ['1']],
    ]);
    expect(catalog.packages.every((p) => p.versions.every((v) => v.targets.length === 0))).toBe(true);
  });

  it('when packages have no visible versions ([] or {}), then each is skipped with a warning', async () => {
    const catalog = await read(fixture('lmod/software-page.json'));

    expect(catalog.packages.map((p) => p.name)).not.toContain('java-tweaks');
    expect(catalog.warnings).toContainEqual({ item: 'java-tweaks', message: 'no visible versions (all hidden); package skipped' });
    expect(catalog.warnings).toContainEqual({ item: 'all-hidden', message: 'no visible versions (all hidden); package skipped' });
  });

  it('when a url holds only a placeholder, then there is no homepage and a warning says why', async () => {
    const catalog = await read(fixture('lmod/software-page.json'));

    expect(catalog.warnings).toContainEqual({ item: '.scl/python', message: 'url "..." holds no usable http(s) URL; no homepage' });
  });

  it('when the page comes from Lmod 5 (string parents, empty url, hidden versions listed), then hidden versions are dropped', async () => {
    const catalog = await read(fixture('lmod/legacy-lmod5.json'));

    expect(catalog.packages.map((p) => [p.name, p.homepage, p.versions.map((v) => v.version)])).toEqual([
      ['datalib', 'http://datalib.example.org/', ['1.8.9']],
      ['gridfiles', null, ['4.1.3', 'master']],
    ]);
    expect(catalog.warnings).toEqual([]);
  });
});

describe('readSource kind lmod: module database (spider -o spider-json)', () => {
  it('when the database is read, then hidden modules are ignored and names with only hidden ones are skipped', async () => {
    const catalog = await read(fixture('lmod/spider-db.json'));

    expect(catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ['cxx17', ['7.3.0']],
      ['datatool', ['1.0', '2.0']],
      ['gatk', ['4.0.11.0', '4.1.2.0']],
      ['intelmpi', ['2018.4']],
      ['lmod', []],
      ['spackpkg', ['1.2-abc']],
    ]);
    expect(catalog.warnings).toEqual([]);
  });

  it('when modules differ, then description and homepage come from the newest module that has them, whatis lines as fallback', async () => {
    const catalog = await read(fixture('lmod/spider-db.json'));
    const byName = Object.fromEntries(catalog.packages.map((p) => [p.name, [p.description, p.homepage]]));

    expect(byName).toEqual({
      cxx17: ['This module provides C++17 support for an Intel C++ compiler.', null],
      datatool: ['Data tool 2', 'https://datatool.example.org/docs'],
      gatk: ['loads the Genome Analysis Toolkit', 'https://gatk.example.org/'],
      // "Version: 2018.4" is Key: value, not a description.
      intelmpi: ['', null],
      lmod: ['Lmod: An Environment Module System', null],
      spackpkg: ['A package built by Spack.', null],
    });
  });
});

describe('readSource kind lmod: key order', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('when arrays and keys come in random order (seed %i), then the catalog is the same', async (seed) => {
    for (const name of ['software-page.json', 'spider-db.json']) {
      const original = JSON.parse(await readFile(fixture(`lmod/${name}`), 'utf8')) as unknown;
      const file = join(dir, `${seed}-${name}`);
      await writeFile(file, JSON.stringify(shuffleJson(original, seed)));

      const [expected, actual] = await Promise.all([read(fixture(`lmod/${name}`)), read(file)]);

      expect(actual.packages).toEqual(expected.packages);
      expect([...actual.warnings].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
        [...expected.warnings].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
    }
  });
});

describe('readSource kind lmod: malformed input', () => {
  it('when the JSON is cut off, then the error names the file, line and column', async () => {
    const error = await failure(fixture('lmod/truncated.json'));

    expect(error.message).toBe(`source lmod-test: ${fixture('lmod/truncated.json')}:2:1: invalid JSON: unexpected end of input, expected ',' or '}'`);
  });

  it('when the document is neither an array nor an object, then it says which Lmod outputs are expected', async () => {
    const error = await failure(fixture('lmod/scalar.json'));

    expect(error.message).toContain('expected Lmod spider output: a JSON array (spider -o jsonSoftwarePage) or object (spider -o spider-json)');
  });

  it('when a package name is a number, then the error gives its path', async () => {
    const error = await failure(fixture('lmod/wrong-types.json'));

    expect(error.message).toContain('wrong-types.json: [1].package: expected string, received number');
  });

  it.each([
    ['[{"package": "a", "versions": [{"full": 3}]}]', '[0].versions[0].full: expected string, received number (quote it, e.g. "1.10")'],
    ['[{"package": "a"}]', '[0].versions: expected array, received undefined'],
    ['[{"package": "a", "versions": "a/1.0"}]', '[0].versions: expected array, received string'],
  ])('when a software page holds %s, then the error gives the path %j', async (json, expected) => {
    const file = join(dir, `bad-versions-${json.length}.json`);
    await writeFile(file, json);

    const error = await failure(file);

    expect(error.message).toBe(`source lmod-test: ${file}: ${expected}`);
  });

  it('when a whatis list is a string, then the error gives the module path', async () => {
    const error = await failure(fixture('lmod/db-wrong-types.json'));

    expect(error.message).toContain('db-wrong-types.json: gatk["/apps/gatk/4.1.lua"].whatis: expected array, received string');
  });
});
