import { renderJsonOutput } from '../render-json-output.js';
import { runReportToJson } from '../sync/run-report-to-json.js';
import type { RunReport } from '../model/run-report.js';
import type { CliContext } from './context.js';

/** `--exit-code-on-refused`: a safety guard held deletes back (and nothing failed). */
export const REFUSED_EXIT_CODE = 4;

/**
 * The end of `sync` and `apply`: with --json the reports as `{"format_version": 1, "runs": [...]}`
 * (the text form is printed source by source as they finish), and exit 1 when a source or an
 * operation failed or the run was cancelled; with exitCodeOnRefused, exit 4 when nothing failed
 * but a safety guard refused deletes.
 */
export function printRunReports(
  ctx: CliContext,
  reports: RunReport[],
  options: { json: boolean; cancelled: boolean; exitCodeOnRefused?: boolean },
): void {
  if (options.json) ctx.stdout.write(renderJsonOutput({ runs: reports.map(runReportToJson) }));
  const failed = reports.some((r) => r.status === 'failed' || r.status === 'partial');
  if (failed || options.cancelled) ctx.exitCode = 1;
  else if (options.exitCodeOnRefused && reports.some((r) => r.status === 'refused')) ctx.exitCode = REFUSED_EXIT_CODE;
}
