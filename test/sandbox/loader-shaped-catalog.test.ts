// A Waldur catalog as Waldur's own EESSI loader fills it (the committed loader-seed-2023.06.json,
// made from the project's synthetic EESSI fixture by seedFromEessi), synced from the same files.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.js';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { loadSeedFile } from '../../src/sandbox/load-seed-file.js';
import type { SandboxSeed, SeedVersion, TargetSchema } from '../../src/sandbox/types.js';
import { prepareRun } from '../../src/sync/prepare-run.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import { captureLogger } from '../sync/sync-harness.js';

const eessiFixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/eessi/${name}`, import.meta.url));
const loaderFixture = (name: string): string => eessiFixture(`loader/${name}`);
const TOKEN = 'loader-shaped-token';

function eessiSource(eessiVersion: string, extensions: string[], overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    name: 'eessi',
    kind: 'eessi',
    location: loaderFixture('eessi_api_metadata_software.json'),
    options: { eessi_version: eessiVersion, include_extensions: extensions.length > 0, extensions },
    catalog: { name: 'EESSI site', version: eessiVersion, type: 'binary_runtime', create: true },
    schedule: null,
    timezone: null,
    prune: { enabled: true, maxDelete: { kind: 'count', value: 10 }, allowEmpty: false },
    protect: [],
    fetch: { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 2 },
    ...overrides,
  };
}

const ALL_EXTENSIONS = [loaderFixture('eessi_api_metadata_ext-python.json'), loaderFixture('eessi_api_metadata_ext-r.json')];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function start(seed: SandboxSeed | undefined, targetSchema: TargetSchema = 'new') {
  const sandbox = createSandbox({ token: TOKEN, targetSchema, ...(seed ? { seed } : {}) });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  const client = createWaldurClient({ url, token: TOKEN });
  const { logger, lines } = captureLogger();
  closers.push(() => sandbox.close(), () => client.close());
  return { sandbox, deps: { client, logger }, logLines: lines };
}

const plan = async (source: SourceConfig, deps: Awaited<ReturnType<typeof start>>['deps']) =>
  (await prepareRun(source, deps, { runId: 'plan', force: false, apply: false })).plan;

function findVersion(seed: SandboxSeed, name: string, moduleVersion: string): { list: SeedVersion[]; version: SeedVersion } {
  const list = seed.catalogs[0]!.packages!.find((p) => p.name === name)!.versions!;
  return { list, version: list.find((v) => v.module_version === moduleVersion)! };
}

describe('a catalog filled by Waldur\'s EESSI loader', () => {
  it.each(['new', 'old'] as const)('when synced from the same EESSI files (%s field names), then nothing is planned and there is no drift', async (schema) => {
    const seed = await loadSeedFile(loaderFixture('loader-seed-2023.06.json'));
    const { deps } = await start(seed, schema);

    const result = await plan(eessiSource('2023.06', ALL_EXTENSIONS), deps);

    expect(result.create).toEqual([]);
    expect(result.update).toEqual([]);
    expect(result.delete).toEqual([]);
    expect(result.refusedDelete).toEqual([]);
    expect(result.unchanged).toBe(13);
    expect(result.versionDrift).toEqual({ packages: [], missingVersions: 0, extraVersions: 0, missingTargets: 0, extraTargets: 0 });
  });

  it('when one version is missing, one target and one version are extra, then the drift shows exactly those three, by module version', async () => {
    const seed = await loadSeedFile(loaderFixture('loader-seed-2023.06.json'));
    // Missing in Waldur: the CUDA build of NovaMD 2024.1 (the same `version` as two other builds).
    const cuda = findVersion(seed, 'NovaMD', '2024.1-foss-2023b-CUDA-12.4.0');
    cuda.list.splice(cuda.list.indexOf(cuda.version), 1);
    // Extra in Waldur: a target on PyLang 3.11.5 and a version of NumBundle.
    findVersion(seed, 'PyLang', '3.11.5-GCCcore-13.2.0').version.targets!.push({ target_type: 'cpu_architecture', target_name: 'x86_64', target_subtype: 'intel/icelake', location: '/x' });
    findVersion(seed, 'NumBundle', '2023.11-gfbf-2023b').list.push({ version: '2022.05', module_version: '2022.05-foss-2022a', targets: [] });
    const { deps } = await start(seed);

    const result = await plan(eessiSource('2023.06', ALL_EXTENSIONS), deps);

    expect(result.versionDrift).toEqual({
      packages: [
        { name: 'NovaMD', missingVersions: ['2024.1-foss-2023b-CUDA-12.4.0'], extraVersions: [], missingTargets: [], extraTargets: [] },
        { name: 'NumBundle', missingVersions: [], extraVersions: ['2022.05-foss-2022a'], missingTargets: [], extraTargets: [] },
        { name: 'PyLang', missingVersions: [], extraVersions: [], missingTargets: [], extraTargets: ['3.11.5-GCCcore-13.2.0@x86_64/intel/icelake'] },
      ],
      missingVersions: 1,
      extraVersions: 1,
      missingTargets: 0,
      extraTargets: 1,
    });
    expect([result.create, result.update, result.delete]).toEqual([[], [], []]);
  });
});

describe('an EESSI source whose extension file lags behind', () => {
  it('when 2025.06 is synced with an extension file that has only 2023.06 entries, then the main packages sync exactly and a warning says so', async () => {
    const { sandbox, deps, logLines } = await start(undefined);
    const source = eessiSource('2025.06', [loaderFixture('eessi_api_metadata_ext-python.json')]);

    const report = await runSync(source, deps, { runId: 'r1', force: false, concurrency: 2, rateLimitPerSecond: null });
    const again = await prepareRun(source, deps, { runId: 'r2', force: false, apply: false });

    expect(report).toMatchObject({ status: 'succeeded', created: 3, updated: 0, deleted: 0, failed: 0 });
    expect(sandbox.state.listPackages().map((p) => p.name).sort()).toEqual(['NovaMD', 'OnlyNew', 'PyLang']);
    const warning = `${loaderFixture('eessi_api_metadata_ext-python.json')}: extension file has no software for EESSI version 2025.06 (it has 2023.06); it adds nothing`;
    expect(again.warnings).toContain(warning);
    expect(logLines.some((line) => line.includes('upstream warnings') && line.includes('extension file has no software for EESSI version 2025.06'))).toBe(true);
    expect(again.plan.unchanged).toBe(3);
    // Versions cannot be written over REST: the new packages' 2025.06 builds are reported, nothing else.
    expect(again.plan.versionDrift.packages.map((d) => [d.name, d.missingVersions, d.extraVersions])).toEqual([
      ['NovaMD', ['2024.4-foss-2024a'], []],
      ['OnlyNew', ['1.0-GCCcore-13.3.0'], []],
      ['PyLang', ['3.12.3-GCCcore-13.3.0'], []],
    ]);
  });
});

describe('a package whose upstream name is skipped', () => {
  it('when Waldur has it and prune is on, then the sync keeps it and the plan lists it as skipped', async () => {
    const { sandbox, deps } = await start(undefined);
    const catalog = sandbox.state.addCatalog({ name: 'EESSI site', version: '2023.06', catalogType: 'binary_runtime' });
    sandbox.state.addPackage(catalog.uuid, { name: 'Eta\u0007Bell', description: 'A name with a control character.' });
    const source = eessiSource('2023.06', [], { location: eessiFixture('software-objects.json') });

    const planned = await plan(source, deps);
    const report = await runSync(source, deps, { runId: 'r', force: false, concurrency: 2, rateLimitPerSecond: null });

    expect(planned.delete).toEqual([]);
    expect(planned.skipped).toEqual([{ name: 'Eta\u0007Bell', reason: 'name contains control characters', kept: [expect.any(String)] }]);
    expect(report).toMatchObject({ status: 'succeeded', deleted: 0 });
    expect(sandbox.state.findPackage(catalog.uuid, 'Eta\u0007Bell')).toBeDefined();
  });
});
