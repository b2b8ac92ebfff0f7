// The EESSI plan section of bench/RESULTS.md (bench-eessi-plan.ts).
import type { EessiPlanResult } from './bench-eessi-plan.js';
import { fixed, renderTable, seconds } from './support/render-table.js';

export function renderEessiPlan(r: EessiPlanResult): string {
  const f = r.file;
  const sumMs = r.phases.reduce((sum, p) => sum + p.wallMs, 0);
  const sumCpuMs = r.phases.reduce((sum, p) => sum + p.cpuMs, 0);
  return [
    `File: ${f.label}, ${fixed(f.mb, 2)} MB; ${f.packages} packages, ${f.entries.toLocaleString('en')} module versions ` +
      `(${f.entriesPlanned.toLocaleString('en')} of them in EESSI 2023.06, the planned source), ` +
      `${f.rows.toLocaleString('en')} version x target rows. The sandbox holds what Waldur's EESSI loader stores for 2023.06. ` +
      `Plan: ${r.planSummary}.`,
    '',
    renderTable(
      ['Process', 'Command', 'Wall, best (s)', 'Wall, median (s)', 'CPU, best (s)', 'Peak RSS (MB)', `Every round, wall (s)`],
      r.processes.map((p) => [
        p.what,
        `\`${p.command}\``,
        seconds(p.best.wallMs),
        seconds(p.medianWallMs),
        seconds(p.best.cpuMs),
        p.best.peakRssMb,
        p.everyWallMs.map(seconds).join(', '),
      ]),
    ),
    '',
    `**plan / JSON.parse-only: ${fixed(r.planVsParse.wall, 1)}x wall, ${fixed(r.planVsParse.cpu, 1)}x CPU** (fastest of ${r.rounds} rounds each; ` +
      `${fixed(r.planVsParse.medianWall, 1)}x median over median). ` +
      `Start-up: \`--version\` ${fixed(r.startup.version, 1)}x and \`--help\` ${fixed(r.startup.help, 1)}x a bare \`node -e 0\`.`,
    '',
    'Where the plan\'s time goes: the same steps in one fresh process, one after the other, each as cold as in the command ' +
      `(fastest of ${r.rounds} rounds per step; module loading is the rows above).`,
    '',
    renderTable(
      ['Step', 'Wall (ms)', 'CPU (ms)'],
      [...r.phases.map((p) => [p.phase, Math.round(p.wallMs), Math.round(p.cpuMs)]), ['sum', Math.round(sumMs), Math.round(sumCpuMs)]],
    ),
  ].join('\n');
}
