import { createUpstreamCache } from '../../sources/create-upstream-cache.js';
import { createRunId } from '../../sync/create-run-id.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import { runReportToJson } from '../../sync/run-report-to-json.js';
import { runSync } from '../../sync/run-sync.js';
import type { RunReport } from '../../model/run-report.js';
import type { RegisterCommand } from '../context.js';
import { createProgress } from '../create-progress.js';
import { showStage } from '../show-stage.js';
import { addConfigOptions, loadCliConfig } from '../load-cli-config.js';

interface SyncCommandOptions {
  config?: string;
  source?: string;
  json?: boolean;
  force?: boolean;
}

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
      .addHelpText('after', '\nExit codes: 0 = every source synced (or deletes refused), 1 = a source failed or an operation failed.'),
  )
    .option('--json', 'print the reports as one JSON object {"runs": [...]}')
    .option('--force', 'apply deletes beyond prune.max_delete (protected names and an empty upstream are still refused)')
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
      if (options.json) ctx.stdout.write(`${JSON.stringify({ runs: reports.map(runReportToJson) }, null, 2)}\n`);
      const failed = reports.some((r) => r.status === 'failed' || r.status === 'partial');
      if (failed || controller.signal.aborted) ctx.exitCode = 1;
    });
};
