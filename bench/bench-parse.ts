// Parse benchmark of the upstream readers: a generated ~10 MB EESSI metadata file and a
// 100,000-package manifest (YAML, and the same as JSON), each read through readSource (file read, parse, validation,
// normalization) in a fresh child process, so one case's heap never inflates another's peak RSS.
// Standalone: node --import tsx bench/bench-parse.ts
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { SourceKind } from '../src/config/types.js';
import { createLogger } from '../src/log/create-logger.js';
import { countCatalog } from '../src/sources/count-catalog.js';
import { readSource } from '../src/sources/read-source.js';
import { sourceConfig } from '../test/sources/source-fixtures.js';
import { generateEessiJson, generateManifestJson, generateManifestYaml } from '../test/support/generate-catalog.js';

export interface BenchResult {
  name: string;
  ms: number;
  peakRssMb: number;
  detail: string;
}

interface ParseCase {
  file: string;
  kind: SourceKind;
  options: Record<string, unknown>;
  generate: () => string;
}

const CASES: Record<string, ParseCase> = {
  'parse eessi ~10 MB': {
    file: 'eessi_api_metadata_software.json',
    kind: 'eessi',
    options: { eessi_version: '2023.06' },
    generate: () => generateEessiJson({ packages: 1500, versionsPerPackage: 3, targetsPerVersion: 14, seed: 1 }),
  },
  'parse manifest 100,000 packages (YAML)': {
    file: 'site-manifest.yaml',
    kind: 'manifest',
    options: {},
    generate: () => generateManifestYaml({ packages: 100_000, seed: 7 }),
  },
  // The same catalog as JSON, which manifests may be: what very large site catalogs should use.
  'parse manifest 100,000 packages (JSON)': {
    file: 'site-manifest.json',
    kind: 'manifest',
    options: {},
    generate: () => generateManifestJson({ packages: 100_000, seed: 7 }),
  },
};

interface ChildReport {
  ms: number;
  peakRssMb: number;
  startRssMb: number;
  packages: number;
  versions: number;
  targets: number;
  bytes: number;
}

const execFileAsync = promisify(execFile);
const mb = (kb: number): number => Math.round(kb / 1024);

/** Child side: read one generated file once and report time and the RSS high-water mark. */
async function runChild(name: string, location: string): Promise<void> {
  const parseCase = CASES[name];
  if (!parseCase) throw new Error(`unknown case ${name}`);
  const source = sourceConfig({ name: 'bench', kind: parseCase.kind, location, options: parseCase.options });
  const logger = createLogger({ level: 'warn', format: 'json', destination: new Writable({ write: (_c, _e, done) => done() }) });
  const startRssMb = mb(process.resourceUsage().maxRSS);
  const started = performance.now();
  const catalog = await readSource(source, { logger });
  const ms = performance.now() - started;
  const report: ChildReport = {
    ms: Math.round(ms),
    peakRssMb: mb(process.resourceUsage().maxRSS),
    startRssMb,
    ...countCatalog(catalog),
    bytes: catalog.fetch?.bytes ?? 0,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function measure(name: string, location: string): Promise<ChildReport> {
  const tsx = import.meta.resolve('tsx');
  const { stdout } = await execFileAsync(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url), '--child', name, location], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport;
}

/** Runs every parse case in its own child process and returns one row per case. */
export async function benchParse(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-parse-'));
  try {
    const results: BenchResult[] = [];
    for (const [name, parseCase] of Object.entries(CASES)) {
      const location = join(dir, parseCase.file);
      await writeFile(location, parseCase.generate());
      const r = await measure(name, location);
      results.push({
        name,
        ms: r.ms,
        peakRssMb: r.peakRssMb,
        detail:
          `${(r.bytes / 1e6).toFixed(1)} MB file; ${r.packages} packages, ${r.versions} versions, ${r.targets} targets; ` +
          `RSS ${r.startRssMb} MB before reading`,
      });
      await rm(location, { force: true });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const childAt = process.argv.indexOf('--child');
  if (childAt !== -1) {
    await runChild(process.argv[childAt + 1]!, process.argv[childAt + 2]!);
  } else {
    for (const row of await benchParse()) {
      process.stdout.write(`${row.name}: ${row.ms} ms, peak RSS ${row.peakRssMb} MB (${row.detail})\n`);
    }
  }
}
