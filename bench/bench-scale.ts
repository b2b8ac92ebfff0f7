// Readers and planner at scale: 1k / 10k / 100k packages of 3 versions x 5 targets each. Each
// case runs in a fresh child process: read the generated upstream file with readSource, build
// the catalog Waldur would list (same size, ~1% different; untimed, as listing is measured
// elsewhere, but part of the peak RSS as in a real run), then plan. Reports time and peak RSS,
// next to a process that only JSON.parses the same file (what this machine's JSON costs now).
// Standalone: node --import tsx bench/bench-scale.ts
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { SourceKind } from '../src/config/types.js';
import { createLogger } from '../src/log/create-logger.js';
import type { CatalogRef } from '../src/model.js';
import { planCatalog } from '../src/plan/plan-catalog.js';
import { readSource } from '../src/sources/read-source.js';
import { generateEessiJson, generateManifestJson } from '../test/support/generate-catalog.js';
import { benchSource } from './support/bench-source.js';
import { deriveActual } from './support/derive-actual.js';
import { isMainModule } from './support/is-main-module.js';
import { measureProcess } from './support/measure-process.js';
import { runChild } from './support/run-child.js';

export interface ScaleCase {
  format: 'manifest JSON' | 'EESSI JSON';
  packages: number;
}

export interface ScaleRow extends ScaleCase {
  fileMb: number;
  readMs: number;
  planMs: number;
  /** read + plan */
  totalMs: number;
  /** Process RSS high-water mark after reading, and at the end (after the actual list and the plan). */
  rssAfterReadMb: number;
  peakRssMb: number;
  /** Process RSS before reading (Node, tsx and the modules). */
  startRssMb: number;
  plan: string;
  /** For scale: a fresh process that only reads the same file and JSON.parses it whole (start-up included). */
  parseOnly: { wallMs: number; peakRssMb: number };
}

const VERSIONS = 3;
const TARGETS = 5;
const EESSI_VERSION = '2023.06';

export const DEFAULT_SCALE_CASES: ScaleCase[] = [
  { format: 'manifest JSON', packages: 1_000 },
  { format: 'manifest JSON', packages: 10_000 },
  { format: 'manifest JSON', packages: 100_000 },
  { format: 'EESSI JSON', packages: 1_000 },
  { format: 'EESSI JSON', packages: 10_000 },
];

const CATALOG: CatalogRef = {
  uuid: 'c'.repeat(32),
  url: `http://waldur.invalid/api/marketplace-software-catalogs/${'c'.repeat(32)}/`,
  name: 'Bench scale',
  version: '2026.1',
  catalogType: 'binary_runtime',
};

const mb = (kb: number): number => Math.round(kb / 1024);
const rssMb = (): number => mb(process.resourceUsage().maxRSS);

function generate(c: ScaleCase): { text: string; kind: SourceKind; options: Record<string, unknown> } {
  if (c.format === 'EESSI JSON') {
    return {
      text: generateEessiJson({ packages: c.packages, versionsPerPackage: VERSIONS, targetsPerVersion: TARGETS, eessiVersion: EESSI_VERSION, seed: 3 }),
      kind: 'eessi',
      options: { eessi_version: EESSI_VERSION },
    };
  }
  return {
    text: generateManifestJson({ packages: c.packages, versionsPerPackage: VERSIONS, targetsPerVersion: TARGETS, seed: 3 }),
    kind: 'manifest',
    options: {},
  };
}

type ChildReport = Omit<ScaleRow, keyof ScaleCase | 'fileMb' | 'parseOnly'>;

/** Child side: one read + plan, printed as one JSON line. */
async function runScaleChild(kind: SourceKind, location: string, options: Record<string, unknown>): Promise<void> {
  const logger = createLogger({ level: 'warn', format: 'json', destination: new Writable({ write: (_c, _e, done) => done() }) });
  const source = { ...benchSource({ name: 'bench-scale', location, catalog: CATALOG.name, kind }), options };
  const startRssMb = rssMb();
  const started = performance.now();
  const desired = await readSource(source, { logger });
  const readMs = performance.now() - started;
  const rssAfterReadMb = rssMb();
  const actual = deriveActual(desired.packages, CATALOG);
  const planStarted = performance.now();
  const plan = planCatalog({
    desired: desired.packages,
    actual,
    policy: { prune: { enabled: true, maxDelete: { kind: 'percent', value: 10 }, allowEmpty: false }, protect: [], force: false },
  });
  const planMs = performance.now() - planStarted;
  const report: ChildReport = {
    readMs: Math.round(readMs),
    planMs: Math.round(planMs),
    totalMs: Math.round(readMs + planMs),
    rssAfterReadMb,
    peakRssMb: rssMb(),
    startRssMb,
    plan:
      `${desired.packages.length} desired, ${actual.length} actual: ${plan.create.length} create, ${plan.update.length} update, ` +
      `${plan.delete.length} delete, ${plan.unchanged} unchanged, ${plan.versionDrift.packages.length} drifted`,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs every case in its own child process; `nodeArgs` (e.g. --cpu-prof) go to each child. */
export async function benchScale(cases: ScaleCase[] = DEFAULT_SCALE_CASES, nodeArgs: string[] = []): Promise<ScaleRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-scale-'));
  try {
    const rows: ScaleRow[] = [];
    for (const c of cases) {
      const { text, kind, options } = generate(c);
      const file = join(dir, `upstream-${c.packages}.json`);
      await writeFile(file, text);
      const args = ['--child', kind, file, JSON.stringify(options)];
      const report = await runChild<ChildReport>(fileURLToPath(import.meta.url), args, { nodeArgs });
      const parsed = await measureProcess(['-e', "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))", file]);
      rows.push({ ...c, fileMb: Buffer.byteLength(text) / 1e6, ...report, parseOnly: { wallMs: parsed.wallMs, peakRssMb: parsed.peakRssMb } });
      await rm(file, { force: true });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  const [flag, kind, file, options] = process.argv.slice(2);
  if (flag === '--child') await runScaleChild(kind as SourceKind, file!, JSON.parse(options!) as Record<string, unknown>);
  else for (const row of await benchScale()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
