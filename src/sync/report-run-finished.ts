import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { RunReport } from '../model/run-report.js';

/** The run's last log line (info when it succeeded, else warn) and its metrics; returns the report. */
export function reportRunFinished(report: RunReport, logger: Logger, metrics?: SyncMetrics): RunReport {
  // source and run are bound to the logger already.
  const { errors, source: _source, run: _run, ...counts } = report;
  const log = report.status === 'succeeded' ? logger.info.bind(logger) : logger.warn.bind(logger);
  log({ ...counts, first_errors: errors.slice(0, 3) }, 'run finished');
  metrics?.observeRun(report);
  return report;
}
