// `catalog-sync plan` of a full-size EESSI file, measured against a process that only
// JSON.parses the same file, and where the plan's time goes. The catalog in the sandbox is the
// one Waldur's own EESSI loader would have filled from the file (scripts/eessi-seed.ts), so the
// plan compares real versions and targets: a resync with nothing to write, as most runs are.
//
// Every measured command is a fresh process of the compiled CLI (start-up and module loading
// included), run in interleaved rounds; each row shows its fastest round (a shared machine only
// ever slows a process down) and its median.
//   node --import tsx bench/bench-eessi-plan.ts                       the synthetic EESSI file
//   node --import tsx bench/bench-eessi-plan.ts --file eessi_api_metadata_software.json
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { seedFromEessi } from '../src/sandbox/seed-from-eessi.js';
import { generateEessiJson } from '../test/support/generate-catalog.js';
import { buildDist } from './support/build-dist.js';
import { isMainModule } from './support/is-main-module.js';
import { measureProcess, type ProcessUsage } from './support/measure-process.js';
import type { PhaseTime } from './support/plan-phases.js';
import { runChild } from './support/run-child.js';
import { spawnCliSandbox } from './support/spawn-cli-sandbox.js';

const execFileAsync = promisify(execFile);

const CLI = fileURLToPath(new URL('../bin/catalog-sync.js', import.meta.url));
const PHASES = fileURLToPath(new URL('./support/plan-phases.ts', import.meta.url));
const distUrl = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;

const EESSI_VERSION = '2023.06';
const CATALOG_NAME = 'EESSI site';

/**
 * The shape and scale of EESSI's published file (early 2026: 784 packages, 2,295 module
 * versions in two EESSI versions about half and half, ~33,000 version x target rows, ~6 Python
 * extensions listed per entry, 3.9 MB on one line).
 */
export function generateEessiLikeFile(): string {
  return generateEessiJson({
    packages: 784,
    versionsPerPackage: 3,
    targetsPerVersion: 14,
    eessiVersion: EESSI_VERSION,
    otherEessiVersion: '2025.06',
    otherVersionShare: 0.46,
    extensionsPerEntry: 6,
    compact: true,
    seed: 11,
  });
}

export interface ProcessRow {
  what: string;
  command: string;
  best: ProcessUsage;
  medianWallMs: number;
  everyWallMs: number[];
}

export interface EessiPlanResult {
  file: { label: string; mb: number; packages: number; entries: number; rows: number; entriesPlanned: number };
  rounds: number;
  processes: ProcessRow[];
  /** Fastest plan over fastest JSON.parse-only process, and median over median (a ~0.15 s process is noisy). */
  planVsParse: { wall: number; cpu: number; medianWall: number };
  /** Fastest --version and --help over fastest `node -e 0`. */
  startup: { version: number; help: number };
  /** The plan's steps in one fresh process, each the fastest of the rounds. */
  phases: PhaseTime[];
  planSummary: string;
}

function describeFile(text: string): EessiPlanResult['file'] & { document: unknown } {
  const document = JSON.parse(text) as { software: Record<string, { versions: Array<{ cpu_arch?: string[]; required_modules: unknown[] }> }> };
  let entries = 0;
  let rows = 0;
  let entriesPlanned = 0;
  for (const pkg of Object.values(document.software)) {
    for (const entry of pkg.versions) {
      entries += 1;
      rows += entry.cpu_arch?.length ?? 0;
      const first = entry.required_modules[0] as { module_version?: string } | string | undefined;
      if ((typeof first === 'string' ? first : first?.module_version ?? '').endsWith(EESSI_VERSION)) entriesPlanned += 1;
    }
  }
  return { label: '', mb: Buffer.byteLength(text) / 1e6, packages: Object.keys(document.software).length, entries, rows, entriesPlanned, document };
}

function configYaml(url: string, token: string, file: string): string {
  return [
    'waldur:',
    `  url: ${JSON.stringify(url)}`,
    `  token: ${JSON.stringify(token)}`,
    'log:',
    '  level: warn',
    'sources:',
    '  - name: eessi',
    '    kind: eessi',
    `    location: ${JSON.stringify(file)}`,
    `    options: { eessi_version: "${EESSI_VERSION}" }`,
    `    catalog: { name: ${JSON.stringify(CATALOG_NAME)}, version: "${EESSI_VERSION}", type: binary_runtime }`,
    '    prune: { enabled: true }',
    '',
  ].join('\n');
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function benchEessiPlan(options: { file?: string; rounds?: number } = {}): Promise<EessiPlanResult> {
  const rounds = options.rounds ?? 5;
  await buildDist();
  const dir = await mkdtemp(join(tmpdir(), 'bench-eessi-plan-'));
  try {
    const file = options.file ?? join(dir, 'eessi_api_metadata_software.json');
    if (!options.file) await writeFile(file, generateEessiLikeFile());
    const { document, ...facts } = describeFile(await readFile(file, 'utf8'));
    const seedFile = join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seedFromEessi(document, { eessiVersion: EESSI_VERSION, catalogName: CATALOG_NAME })));
    const sandbox = await spawnCliSandbox(seedFile);
    try {
      const configFile = join(dir, 'catalog-sync.yaml');
      await writeFile(configFile, configYaml(sandbox.url, sandbox.token, file));
      const commands: Array<{ what: string; command: string; args: string[] }> = [
        { what: 'bare Node.js start', command: 'node -e 0', args: ['-e', '0'] },
        { what: 'JSON.parse of the file, nothing else', command: 'node -e "JSON.parse(readFileSync(FILE))"', args: ['-e', "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))", file] },
        { what: 'start-up: version', command: 'catalog-sync --version', args: [CLI, '--version'] },
        { what: 'start-up: help', command: 'catalog-sync --help', args: [CLI, '--help'] },
        { what: 'module loading: the CLI entry (commands load when run)', command: 'import dist/cli/main.js', args: ['--input-type=module', '-e', `await import(${JSON.stringify(distUrl('cli/main.js'))})`] },
        { what: 'module loading: plan command only', command: 'import dist/cli/commands/plan.js', args: ['--input-type=module', '-e', `await import(${JSON.stringify(distUrl('cli/commands/plan.js'))})`] },
        { what: 'plan', command: 'catalog-sync plan --config FILE', args: [CLI, 'plan', '--config', configFile] },
      ];
      const runs = new Map<string, ProcessUsage[]>(commands.map((c) => [c.what, []]));
      const phaseRuns: PhaseTime[][] = [];
      for (let round = 0; round < rounds; round += 1) {
        for (const c of commands) runs.get(c.what)!.push(await measureProcess(c.args));
        phaseRuns.push((await runChild<{ phases: PhaseTime[] }>(PHASES, [configFile])).phases);
      }
      const processes = commands.map((c): ProcessRow => {
        const all = runs.get(c.what)!;
        const wall = all.map((u) => u.wallMs);
        return {
          what: c.what,
          command: c.command,
          best: { wallMs: Math.min(...wall), cpuMs: Math.min(...all.map((u) => u.cpuMs)), peakRssMb: Math.max(...all.map((u) => u.peakRssMb)) },
          medianWallMs: median(wall),
          everyWallMs: wall,
        };
      });
      const row = (what: string): ProcessUsage => processes.find((p) => p.what === what)!.best;
      const plan = row('plan');
      const parse = row('JSON.parse of the file, nothing else');
      const node = row('bare Node.js start');
      const phases = phaseRuns[0]!.map((p, i) => ({
        phase: p.phase,
        wallMs: Math.min(...phaseRuns.map((r) => r[i]!.wallMs)),
        cpuMs: Math.min(...phaseRuns.map((r) => r[i]!.cpuMs)),
      }));
      const { stdout } = await execFileAsync(process.execPath, [CLI, 'plan', '--config', configFile]);
      return {
        file: { ...facts, label: options.file ? basename(options.file) : 'synthetic (generateEessiLikeFile)' },
        rounds,
        processes,
        planVsParse: {
          wall: plan.wallMs / parse.wallMs,
          cpu: plan.cpuMs / parse.cpuMs,
          medianWall: processes.find((p) => p.what === 'plan')!.medianWallMs / processes.find((p) => p.what === 'JSON.parse of the file, nothing else')!.medianWallMs,
        },
        startup: { version: row('start-up: version').wallMs / node.wallMs, help: row('start-up: help').wallMs / node.wallMs },
        phases,
        planSummary: stdout.split('\n').filter((line) => /^(Plan for|Version drift)/.test(line)).join('; '),
      };
    } finally {
      await sandbox.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  const { values } = parseArgs({ options: { file: { type: 'string' }, rounds: { type: 'string' } } });
  const { renderEessiPlan } = await import('./render-eessi-plan.js');
  const result = await benchEessiPlan({ file: values.file, rounds: values.rounds ? Number(values.rounds) : undefined });
  process.stdout.write(`${renderEessiPlan(result)}\n`);
}
