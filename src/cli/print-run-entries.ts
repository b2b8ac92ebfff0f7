import { renderJsonOutput } from '../render-json-output.js';
import type { RunHistoryEntry } from '../jobs/types.js';
import { renderRunReportText } from '../sync/render-run-report-text.js';
import { runReportToJson } from '../sync/run-report-to-json.js';
import type { CliContext } from './context.js';

/**
 * The reports `trigger --wait` and `approve --wait` waited for: text like `sync`, or
 * `{"format_version": 1, "runs": [...]}` in `sync --json`'s shape plus `run`, `job` and, when set, `forced` and
 * `plan_id`. Exit 1 when a run failed or partly failed.
 */
export function printRunEntries(ctx: CliContext, entries: RunHistoryEntry[], options: { json: boolean }): void {
  if (options.json) {
    const runs = entries.map((r) => ({
      ...runReportToJson(r),
      run: r.run,
      job: r.job,
      ...(r.forced ? { forced: true } : {}),
      ...(r.plan_id ? { plan_id: r.plan_id } : {}),
    }));
    ctx.stdout.write(renderJsonOutput({ runs }));
  } else {
    for (const entry of entries) ctx.stdout.write(renderRunReportText(entry));
  }
  if (entries.some((r) => r.status === 'failed' || r.status === 'partial')) ctx.exitCode = 1;
}
