import { renderJsonOutput } from '../../render-json-output.js';
import { createUpstreamCache } from '../../sources/create-upstream-cache.js';
import { createRunId } from '../../sync/create-run-id.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import { runReportToJson } from '../../sync/run-report-to-json.js';
import { runSync } from '../../sync/run-sync.js';
import type { RunReport } from '../../sync/types.js';
import type { RegisterCommand } from '../context.js';
import { createProgress } from '../create-progress.js';
import { showStage } from '../show-stage.js';
import { addConfigOptions, loadCliConfig, type CliOptions } from '../load-cli-config.js';

interface SyncCommandOptions extends CliOptions {
  json?: boolean;
  force?: boolean;
  exitCodeOnRefused?: boolean;
}

/** `--exit-code-on-refused`: a safety guard held deletes back (and nothing failed). */
export const REFUSED_EXIT_CODE = 4;

/** Attempts per operation for transient failures (timeouts, 5xx, lost responses). */
const MAX_ATTEMPTS = 5;

/** Ctrl-C stops taking operations and cancels in-flight requests; the report says what ran. */
function abortOnSignals(controller: AbortController): () => void {
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return () => {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  };
}

export const registerSyncCommand: RegisterCommand = (program, ctx) => {
  addConfigOptions(
    program
      .command('sync')
      .description('Plan and apply every change in-process (no Redis needed), then print a report per source')
      .addHelpText(
        'after',
        '\nExit codes: 0 = every source synced (or deletes refused), 1 = a source failed or an operation failed,' +
          `\n${REFUSED_EXIT_CODE} = with --exit-code-on-refused, a run was refused: a safety guard (empty upstream, max_delete) held deletes back.`,
      ),
  )
    .option('--json', 'print the reports as one JSON object {"format_version": 1, "runs": [...]}')
    .option('--force', 'apply deletes beyond prune.max_delete (protected names and an empty upstream are still refused)')
    .option('--exit-code-on-refused', `exit ${REFUSED_EXIT_CODE} when a safety guard refused deletes (so CI fails); failures still exit 1`)
    .action(async (options: SyncCommandOptions) => {
      const setup = await loadCliConfig(ctx, options);
      const upstreamCache = createUpstreamCache();
      const progress = createProgress(ctx.stderr, { enabled: !options.json });
      const controller = new AbortController();
      const release = abortOnSignals(controller);
      const reports: RunReport[] = [];
      try {
        // Sources are independent: a failed one is reported and the next one still runs.
        for (const source of setup.sources) {
          if (controller.signal.aborted) break;
          const runId = createRunId(source.name);
          let applying = false;
          const logger = setup.logger.child({ source: source.name, run: runId });
          const client = setup.createClient(logger);
          const report = await runSync(
            source,
            { client, logger, upstreamCache },
            {
              runId,
              force: options.force === true,
              concurrency: setup.config.waldur.concurrency,
              rateLimitPerSecond: setup.config.waldur.rateLimitPerSecond,
              maxAttempts: MAX_ATTEMPTS,
              signal: controller.signal,
              onStage: (stage) => showStage(progress, source.name, stage),
              onProgress: ({ done, total }) => {
                if (!applying) progress.phase(`${source.name}: applying`);
                applying = true;
                progress.update(done, total);
              },
            },
          ).finally(() => client.close());
          reports.push(report);
          progress.done();
          if (!options.json) ctx.stdout.write(renderRunReportText(report));
        }
      } finally {
        release();
        progress.done();
      }
      if (options.json) ctx.stdout.write(renderJsonOutput({ runs: reports.map(runReportToJson) }));
      const failed = reports.some((r) => r.status === 'failed' || r.status === 'partial');
      if (failed || controller.signal.aborted) ctx.exitCode = 1;
      else if (options.exitCodeOnRefused && reports.some((r) => r.status === 'refused')) ctx.exitCode = REFUSED_EXIT_CODE;
    });
};
