// Turns the measured results into bench/RESULTS.md (and the same tables on stdout). Every
// number here comes from the run being rendered; ratios compare rows of that same run.
import type { EessiPlanResult } from './bench-eessi-plan.js';
import type { BenchResult } from './bench-parse.js';
import type { NoopResult } from './bench-noop-resync.js';
import type { ScaleRow } from './bench-scale.js';
import { DEFAULT_BATCH_SIZE } from '../src/config/config-defaults.js';
import type { ThroughputResult, ThroughputRow } from './bench-throughput.js';
import type { UnchangedResult } from './bench-unchanged-upstream.js';
import { renderEessiPlan } from './render-eessi-plan.js';
import type { Machine } from './support/describe-machine.js';
import { fixed, renderTable, seconds, verdict } from './support/render-table.js';

export interface AllResults {
  command: string;
  startedAt: Date;
  durationMs: number;
  machine: Machine;
  loadAtEnd: number;
  throughput?: ThroughputResult;
  noop?: NoopResult;
  scale?: ScaleRow[];
  unchanged?: UnchangedResult;
  parse?: BenchResult[];
  eessiPlan?: EessiPlanResult;
  /** Hand-written notes (profiles, fixes, before/after), included verbatim. */
  notes?: string;
}

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

const SCALE_LIMIT_MS = 2_000;
const SCALE_LIMIT_RSS_MB = 512;
const PLAN_VS_PARSE_AIM = 3;
const STARTUP_LIMIT = 2;

function throughputTargets(t: ThroughputResult): Target[] {
  const find = (prefix: string): ThroughputRow | undefined => t.rows.find((r) => r.path.startsWith(prefix));
  const queue = find('queue');
  const inProcess = find('in-process');
  const naive = find('naive');
  const out: Target[] = [];
  if (queue) out.push({ what: 'queue path vs the ideal client', target: '>= 0.90', measured: fixed(queue.efficiency, 3), met: queue.efficiency >= 0.9 });
  if (inProcess) {
    out.push({ what: 'in-process vs the ideal client', target: '>= 0.95', measured: fixed(inProcess.efficiency, 3), met: inProcess.efficiency >= 0.95 });
  }
  if (naive) {
    for (const row of [queue, inProcess]) {
      if (!row) continue;
      const ratio = row.opsPerSecond / naive.opsPerSecond;
      out.push({ what: `${row.path.split(' ')[0]} vs naive client`, target: '>= 10x', measured: `${fixed(ratio, 1)}x`, met: ratio >= 10 });
    }
  }
  return out;
}

function collectTargets(all: AllResults): Target[] {
  const targets: Target[] = all.throughput ? throughputTargets(all.throughput) : [];
  if (all.noop) {
    for (const row of all.noop.rows.filter((r) => r.what.startsWith('runSync'))) {
      const met = row.catalogLookups === 1 && row.listPages === all.noop.expectedPages && row.writes === 0 && row.otherRequests === 0;
      targets.push({
        what: `no-op resync requests (${row.latencyMs} ms latency)`,
        target: `1 lookup + ${all.noop.expectedPages} pages, 0 writes`,
        measured: `${row.catalogLookups} + ${row.listPages}, ${row.writes} writes, ${row.otherRequests} other`,
        met,
      });
    }
  }
  const largest = all.scale?.filter((r) => r.format === 'manifest JSON').sort((a, b) => b.packages - a.packages)[0];
  if (largest) {
    targets.push({
      what: `read + plan ${largest.packages.toLocaleString('en')} packages: time`,
      target: `< ${seconds(SCALE_LIMIT_MS)} s`,
      measured: `${seconds(largest.totalMs)} s`,
      met: largest.totalMs < SCALE_LIMIT_MS,
    });
    targets.push({
      what: `read + plan ${largest.packages.toLocaleString('en')} packages: peak RSS`,
      target: `< ${SCALE_LIMIT_RSS_MB} MB`,
      measured: `${largest.peakRssMb} MB`,
      met: largest.peakRssMb < SCALE_LIMIT_RSS_MB,
    });
  }
  if (all.eessiPlan) {
    const { planVsParse, startup } = all.eessiPlan;
    targets.push({
      what: 'plan of the EESSI file vs a JSON.parse-only process',
      target: `<= ${PLAN_VS_PARSE_AIM}x (aim)`,
      measured: `${fixed(planVsParse.wall, 1)}x wall, ${fixed(planVsParse.cpu, 1)}x CPU (median ${fixed(planVsParse.medianWall, 1)}x)`,
      met: planVsParse.wall <= PLAN_VS_PARSE_AIM,
    });
    targets.push({
      what: 'start-up: `--version` vs `node -e 0`',
      target: `<= ${STARTUP_LIMIT}x`,
      measured: `${fixed(startup.version, 1)}x (\`--help\` ${fixed(startup.help, 1)}x)`,
      met: startup.version <= STARTUP_LIMIT && startup.help <= STARTUP_LIMIT,
    });
  }
  const unchanged = all.unchanged?.rows[1];
  if (unchanged) {
    targets.push({
      what: 'unchanged upstream (304) does no parsing',
      target: '0 parses, 0 bytes',
      measured: `${unchanged.parsed} parses (spy: ${unchanged.bigJsonParses}), ${unchanged.bytes} bytes`,
      met: unchanged.status === 304 && unchanged.parsed === 0 && unchanged.bigJsonParses === 0 && unchanged.bytes === 0,
    });
  }
  return targets;
}

function renderThroughput(t: ThroughputResult): string {
  const { options } = t;
  const naive = t.rows.find((r) => r.path.startsWith('naive'));
  const main = renderTable(
    ['Path', 'Packages', 'Time (s)', 'ops/s', 'Every round (ops/s)', 'vs ideal', 'vs nominal', 'Write phase ops/s', 'Write phase vs ideal', 'x naive'],
    t.rows.map((r) => [
      r.path,
      r.packages,
      fixed(r.seconds, 2),
      fixed(r.opsPerSecond, 0),
      r.rounds.map((v) => fixed(v, 0)).join(', '),
      fixed(r.efficiency, 3),
      fixed(r.opsPerSecond / t.limit, 3),
      r.applyOpsPerSecond === null ? '-' : fixed(r.applyOpsPerSecond, 0),
      r.applyOpsPerSecond === null ? '-' : fixed(r.applyOpsPerSecond / t.ideal, 3),
      naive ? `${fixed(r.opsPerSecond / naive.opsPerSecond, 1)}x` : '-',
    ]),
  );
  const detail = renderTable(
    ['Path', 'Requests', 'Writes applied', 'Sync CPU (s)', 'Sandbox CPU (s)', 'Phases', 'Catalog afterwards'],
    t.rows.map((r) => [
      r.path,
      r.requests,
      r.writes,
      r.syncCpuMs === null ? '-' : seconds(r.syncCpuMs),
      seconds(r.sandboxCpuMs),
      r.phases || '-',
      r.check,
    ]),
  );
  const lines = [
    '## 1. Write throughput vs the limit',
    '',
    `Sandbox in its own process with ${options.latencyMs} ms added to every request; write concurrency ${options.concurrency}; ` +
      `nominal limit = ${options.concurrency} / ${options.latencyMs / 1000} s = ${fixed(t.limit, 0)} writes/s. ` +
      `The limit that counts is what an **ideal client** reaches against the same sandbox in the same run: ${options.concurrency} ` +
      `lanes of bare POSTs on a keep-alive pool (bodies serialized beforehand, responses not parsed) = **${fixed(t.ideal, 0)} writes/s** ` +
      '(the sandbox\'s own per-request cost is not the client\'s fault). "vs ideal" = ops/s / that. ' +
      `The ideal client, the queue and the in-process paths create ${options.packages.toLocaleString('en')} packages ` +
      `in an empty catalog; the naive client creates ${options.naivePackages} (it is slow by design, and its rate does not depend on the count). ` +
      `Time runs from the trigger (queue: enqueueing the run job; in-process: calling runSync) to the report, so reading the ` +
      `manifest, the catalog lookup and the empty list are included; "write phase" starts at the run's "planned" log line. ` +
      `The three ran ${options.rounds} rounds each, interleaved (ideal, queue, in-process, ideal, ...), into an ` +
      'emptied sandbox; each row shows its fastest round (a shared machine only ever slows a run down) and lists every round. ' +
      `The queue path applies the operations in batch jobs of \`waldur.batch_size\` (default ${DEFAULT_BATCH_SIZE}).`,
    '',
    main,
    '',
    detail,
  ];
  if (naive) {
    const perRequest = 1000 / naive.opsPerSecond;
    lines.push(
      '',
      `One request at a time takes ${fixed(perRequest, 1)} ms here (the added ${options.latencyMs} ms, timer slack, loopback HTTP on both sides ` +
        `and scheduling on a shared machine), so ${options.concurrency} requests in flight can reach at most about ` +
        `${fixed(options.concurrency * naive.opsPerSecond, 0)} writes/s on this machine in this run ` +
        `(${fixed((options.concurrency * naive.opsPerSecond) / t.limit, 2)} of the nominal limit; derived from the naive row).`,
    );
  }
  lines.push(
    '',
    'Notes: both measured paths run after an untimed warm-up run of ' +
      `${options.warmupPackages} packages (the daemon is a long-running process; the sandbox's JIT warms up once). ` +
      'The queue path is the real `catalog-sync daemon` command as a child process with a private redis-server; the run is ' +
      'requested through the public runs queue and its report read back from it. The naive client is the project\'s own HTTP ' +
      'client (keep-alive) sending one POST after the other, which is faster than a typical script opening a connection per request.',
  );
  return lines.join('\n');
}

function renderNoop(n: NoopResult): string {
  return [
    '## 2. No-op resync',
    '',
    `A catalog of ${n.options.packages.toLocaleString('en')} packages (3 versions x 5 targets each) seeded into the sandbox, upstream ` +
      `a manifest (JSON) with the same packages. Requests counted by the sandbox; wall and CPU time (process.cpuUsage of this ` +
      `process; the sandbox runs in its own) are medians of ${n.options.repeats} runs after one warm-up. The local manifest ` +
      'is read and parsed on every run (the 304 shortcut applies to URLs, see section 4).',
    '',
    renderTable(
      ['Call', 'Latency (ms)', 'Catalog lookups', 'List pages', 'Writes', 'Other requests', 'Wall (s)', 'CPU (s)', 'Sandbox CPU (s)', 'Outcome'],
      n.rows.map((r) => [
        r.what,
        r.latencyMs,
        r.catalogLookups,
        r.listPages,
        r.writes,
        r.otherRequests,
        seconds(r.wallMs),
        seconds(r.cpuMs),
        seconds(r.sandboxCpuMs),
        r.outcome,
      ]),
    ),
    '',
    `Expected: 1 catalog lookup + ceil(${n.options.packages}/300) = ${n.expectedPages} list pages, 0 writes.`,
  ].join('\n');
}

function renderScale(rows: ScaleRow[]): string {
  return [
    '## 3. Readers and planner at scale',
    '',
    'Each row is a fresh child process: read the generated upstream file with readSource (file read, JSON parse, ' +
      'validation, normalization; a JSON manifest is streamed package by package), then plan it against the list Waldur would return for a catalog of the same size that is ' +
      '~1% different (0.5% changed descriptions, 0.25% missing, 0.25% extra, 0.2% with a missing target). The actual list is ' +
      'built untimed between the two steps (listing is measured in section 2) but is in memory, as in a real run. ' +
      'Peak RSS is `process.resourceUsage().maxRSS` of the child. Format: the native manifest as JSON, the format the ' +
      'docs recommend for large site catalogs; EESSI-shaped JSON is shown at 1k and 10k packages (the real EESSI file ' +
      'has ~800; at 100k packages it would be ~575 MB, beyond the default 64 MiB fetch limit). The child runs under tsx, ' +
      'which holds ~30 MB of its own (in "RSS before"). "JSON.parse only" is a fresh process that reads the same file and ' +
      'JSON.parses it whole, start-up included: what JSON costs on this machine in this run.',
    '',
    renderTable(
      ['Format', 'Packages', 'File (MB)', 'Read (s)', 'Plan (s)', 'Read + plan (s)', 'RSS before (MB)', 'RSS after read (MB)', 'Peak RSS (MB)', 'JSON.parse only (s / MB)', 'Plan'],
      rows.map((r) => [
        r.format,
        r.packages.toLocaleString('en'),
        fixed(r.fileMb, 1),
        seconds(r.readMs),
        seconds(r.planMs),
        seconds(r.totalMs),
        r.startRssMb,
        r.rssAfterReadMb,
        r.peakRssMb,
        `${seconds(r.parseOnly.wallMs)} / ${r.parseOnly.peakRssMb}`,
        r.plan,
      ]),
    ),
  ].join('\n');
}

function renderUnchanged(u: UnchangedResult): string {
  return [
    '## 4. Upstream unchanged (HTTP 304)',
    '',
    `An EESSI-shaped file (${fixed(u.fileMb, 1)} MB, 1,500 packages) served by a local HTTP server with an ETag; three readSource ` +
      'calls sharing one upstream cache. "Parsed" is the cache\'s parse counter; "JSON.parse spy" counts JSON.parse calls on ' +
      'texts over 1 MB made during the read (the spy wraps the global, independent of the code under test).',
    '',
    renderTable(
      ['Read', 'HTTP status', 'Time (s)', 'CPU (s)', 'Bytes transferred', 'Parsed', 'JSON.parse spy', 'Packages'],
      u.rows.map((r) => [r.read, r.status, seconds(r.ms), seconds(r.cpuMs), r.bytes.toLocaleString('en'), r.parsed, r.bigJsonParses, r.packages]),
    ),
    '',
    'The 304 read still normalizes the cached parse result into the catalog (names, homepages, sorting), which is ' +
      'what its remaining time is.',
  ].join('\n');
}

function renderParse(rows: BenchResult[]): string {
  return [
    '## 5. Parse benchmark (bench/bench-parse.ts)',
    '',
    renderTable(['Case', 'Time (s)', 'Peak RSS (MB)', 'Detail'], rows.map((r) => [r.name, seconds(r.ms), r.peakRssMb, r.detail])),
  ].join('\n');
}

export function renderResults(all: AllResults): string {
  const m = all.machine;
  const targets = collectTargets(all);
  const sections = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench`; do not edit by hand (notes come from bench/NOTES.md).',
    '',
    `- Command: \`${all.command}\``,
    `- Date: ${all.startedAt.toISOString()}; total run time ${fixed(all.durationMs / 60_000, 1)} min`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}`,
    `- Node.js ${m.node}`,
    `- 1-minute load average: ${m.load} at the start, ${all.loadAtEnd} at the end (a shared machine: absolute times are noisy, ratios within one run are what to compare)`,
    '',
    '## Targets',
    '',
    renderTable(['What', 'Target', 'Measured', 'Result'], targets.map((t) => [t.what, t.target, t.measured, verdict(t.met)])),
  ];
  if (all.throughput) sections.push('', renderThroughput(all.throughput));
  if (all.noop) sections.push('', renderNoop(all.noop));
  if (all.scale) sections.push('', renderScale(all.scale));
  if (all.unchanged) sections.push('', renderUnchanged(all.unchanged));
  if (all.parse) sections.push('', renderParse(all.parse));
  if (all.eessiPlan) sections.push('', '## 6. `plan` of a full-size EESSI file vs JSON.parse', '', renderEessiPlan(all.eessiPlan));
  if (all.notes) sections.push('', all.notes.trim());
  return `${sections.join('\n')}\n`;
}
