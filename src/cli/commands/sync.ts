import { SourceBusy } from '../../errors.js';
import { createUpstreamCache } from '../../sources/create-upstream-cache.js';
import { buildRunReport } from '../../sync/build-run-report.js';
import { createRunId } from '../../sync/create-run-id.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import { runSync } from '../../sync/run-sync.js';
import type { OperationRecord } from '../../model/operation-record.js';
import type { RunReport } from '../../model/run-report.js';
import { abortOnSignals } from '../abort-on-signals.js';
import type { RegisterCommand } from '../context.js';
import { createProgress } from '../create-progress.js';
import { describeRequester } from '../describe-requester.js';
import { addConfigOptions, loadCliConfig, type CliOptions } from '../load-cli-config.js';
import { printRunReports, REFUSED_EXIT_CODE } from '../print-run-reports.js';
import { addRunStateOptions, noteWaiting, openRunState, parseLockTimeout, type RunStateOptions } from '../run-state-options.js';
import { showApplyProgress } from '../show-apply-progress.js';
import { showStage } from '../show-stage.js';

interface SyncCommandOptions extends RunStateOptions, CliOptions {
  json?: boolean;
  force?: boolean;
  exitCodeOnRefused?: boolean;
}


export const registerSyncCommand: RegisterCommand = (program, ctx) => {
  addRunStateOptions(
    addConfigOptions(
      program
        .command('sync')
        .description('Plan and apply every change in-process, then print a report per source')
        .addHelpText(
          'after',
          '\nWith redis in the config, each source is synced under the daemon\'s per-source lock (waiting for an' +
            '\nactive run of it, up to --lock-timeout) and the run is recorded in the daemon\'s history with' +
            '\nreason "cli"; an unreachable Redis is an error. Without redis in the config, or with --no-redis,' +
            '\nno Redis is needed.' +
            '\n\nExit codes: 0 = every source synced (or deletes refused), 1 = a source failed, was busy, or an operation failed,' +
            `\n${REFUSED_EXIT_CODE} = with --exit-code-on-refused, a run was refused: a safety guard (empty upstream, max_delete) held deletes back.`,
        ),
    ),
  )
    .option('--json', 'print the reports as one JSON object {"format_version": 1, "runs": [...]}')
    .option('--force', 'apply deletes beyond prune.max_delete (protected names and an empty upstream are still refused)')
    .option('--exit-code-on-refused', `exit ${REFUSED_EXIT_CODE} when a safety guard refused deletes (so CI fails); failures still exit 1`)
    .action(async (options: SyncCommandOptions) => {
      const waitMs = parseLockTimeout(options.lockTimeout);
      const setup = await loadCliConfig(ctx, options);
      const requestedBy = describeRequester(ctx.env);
      const runState = await openRunState(setup, options, requestedBy);
      const upstreamCache = createUpstreamCache();
      const progress = createProgress(ctx.stderr, { enabled: !options.json });
      const controller = new AbortController();
      const release = abortOnSignals(controller);
      const reports: RunReport[] = [];
      const show = (report: RunReport): void => {
        reports.push(report);
        progress.done();
        if (!options.json) ctx.stdout.write(renderRunReportText(report));
      };
      try {
        // Sources are independent: a failed or busy one is reported and the next one still runs.
        for (const source of setup.sources) {
          if (controller.signal.aborted) break;
          const runId = createRunId(source.name);
          const startedAt = Date.now();
          try {
            await runState?.hold(source.name, runId, { waitMs, signal: controller.signal, onWait: noteWaiting(ctx, source.name, waitMs) });
          } catch (error) {
            if (!(error instanceof SourceBusy)) throw error;
            show(buildRunReport({ source: source.name, runId, startedAt, finishedAt: Date.now(), plan: null, operations: [], error }));
            continue;
          }
          const logger = setup.logger.child({ source: source.name, run: runId });
          const client = setup.createClient(logger);
          let operations: readonly OperationRecord[] = [];
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
              onProgress: showApplyProgress(progress, source.name),
              onOperations: (records) => (operations = records),
            },
          ).finally(() => client.close());
          await runState?.finish(report, { forced: options.force === true, operations });
          show(report);
        }
      } finally {
        release();
        progress.done();
        await runState?.close();
      }
      printRunReports(ctx, reports, {
        json: options.json === true,
        cancelled: controller.signal.aborted,
        exitCodeOnRefused: options.exitCodeOnRefused === true,
      });
    });
};
