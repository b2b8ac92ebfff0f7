import type { RunReport } from '../model/run-report.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The readable summary `sync` prints per source (the JSON form is runReportToJson). */
export function renderRunReportText(report: RunReport): string {
  const lines = [
    `Sync ${report.source}: ${report.status} - ${report.created} created, ${report.updated} updated, ` +
      `${report.deleted} deleted, ${report.unchanged} unchanged, ${report.failed} failed, ` +
      `${report.refused_deletes} refused deletes (${seconds(report.duration_ms)}, run ${report.run})`,
  ];
  if (report.status === 'refused') {
    lines.push('  deletes were refused by a safety guard (empty upstream or prune.max_delete): run `catalog-sync plan` for the reasons');
  }
  for (const error of report.errors) lines.push(`  error: ${error}`);
  return `${lines.join('\n')}\n`;
}
