import { runReportToJson } from '../sync/run-report-to-json.js';
import type { RunReport } from '../model/run-report.js';
import type { CliContext } from './context.js';

/**
 * The end of `sync` and `apply`: with --json the reports as `{"runs": [...]}` (the text form is
 * printed source by source as they finish), and exit 1 when a source or an operation failed or
 * the run was cancelled.
 */
export function printRunReports(ctx: CliContext, reports: RunReport[], options: { json: boolean; cancelled: boolean }): void {
  if (options.json) ctx.stdout.write(`${JSON.stringify({ runs: reports.map(runReportToJson) }, null, 2)}\n`);
  const failed = reports.some((r) => r.status === 'failed' || r.status === 'partial');
  if (failed || options.cancelled) ctx.exitCode = 1;
}
