// `npm run bench`: every benchmark in one process tree (the sandbox, daemon, redis-server and
// per-size readers are child processes), a table on stdout and bench/RESULTS.md.
//   npm run bench                      all sections, writes bench/RESULTS.md
//   npm run bench -- --only scale,noop  some sections, stdout only
// The eessi section runs the compiled CLI: it builds dist/ from the current sources first.
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchEessiPlan } from './bench-eessi-plan.js';
import { benchNoopResync } from './bench-noop-resync.js';
import { benchParse } from './bench-parse.js';
import { benchScale } from './bench-scale.js';
import { benchThroughput } from './bench-throughput.js';
import { benchUnchangedUpstream } from './bench-unchanged-upstream.js';
import { renderResults, type AllResults } from './render-results.js';
import { describeMachine } from './support/describe-machine.js';

const SECTIONS = ['throughput', 'noop', 'scale', 'unchanged', 'parse', 'eessi'] as const;
type Section = (typeof SECTIONS)[number];

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const NOTES = fileURLToPath(new URL('./NOTES.md', import.meta.url));

function selectedSections(argv: string[]): Section[] {
  const at = argv.indexOf('--only');
  if (at === -1) return [...SECTIONS];
  const wanted = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = wanted.filter((w) => !(SECTIONS as readonly string[]).includes(w));
  if (unknown.length > 0 || wanted.length === 0) throw new Error(`--only takes a comma-separated list of: ${SECTIONS.join(', ')}`);
  return wanted as Section[];
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  process.stderr.write(`bench: ${label}...\n`);
  const started = performance.now();
  const value = await work();
  process.stderr.write(`bench: ${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return value;
}

const sections = selectedSections(process.argv.slice(2));
const startedAt = new Date();
const started = performance.now();
const machine = describeMachine();
const all: AllResults = {
  command: 'npm run bench (node --import tsx bench/run-all.ts)',
  startedAt,
  durationMs: 0,
  machine,
  loadAtEnd: 0,
};
// The parse benchmark first: its children are forked from this process, and on Linux a child's
// maxRSS starts at its parent's RSS (the other sections leave this process larger).
if (sections.includes('parse')) all.parse = await timed('parse', () => benchParse());
if (sections.includes('throughput')) all.throughput = await timed('write throughput', () => benchThroughput());
if (sections.includes('noop')) all.noop = await timed('no-op resync', () => benchNoopResync());
if (sections.includes('scale')) all.scale = await timed('readers and planner at scale', () => benchScale());
if (sections.includes('unchanged')) all.unchanged = await timed('unchanged upstream', () => benchUnchangedUpstream());
if (sections.includes('eessi')) all.eessiPlan = await timed('plan of a full-size EESSI file', () => benchEessiPlan());
all.durationMs = performance.now() - started;
all.loadAtEnd = Math.round(loadavg()[0]! * 100) / 100;
all.notes = await readFile(NOTES, 'utf8').catch(() => undefined);

const text = renderResults(all);
process.stdout.write(text);
if (sections.length === SECTIONS.length) {
  await writeFile(RESULTS, text);
  process.stderr.write(`bench: wrote ${RESULTS}\n`);
} else {
  process.stderr.write('bench: a partial run; bench/RESULTS.md left as it was\n');
}
