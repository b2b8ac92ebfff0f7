import type { RunReport } from '../model/run-report.js';

/** One element of `sync --json`'s `runs` array: exactly the documented keys, in order. */
export function runReportToJson(report: RunReport): Record<string, unknown> {
  return {
    source: report.source,
    status: report.status,
    created: report.created,
    updated: report.updated,
    deleted: report.deleted,
    unchanged: report.unchanged,
    failed: report.failed,
    refused_deletes: report.refused_deletes,
    errors: report.errors,
    duration_ms: report.duration_ms,
  };
}
