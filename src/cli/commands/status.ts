import { ValidationError } from '../../errors.js';
import { DEFAULT_HISTORY_SIZE } from '../../jobs/create-report-store.js';
import { createRunState } from '../../jobs/create-run-state.js';
import { renderRunText } from '../../jobs/render-run-text.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import { readStatus } from '../../jobs/read-status.js';
import { NO_REPLICA_EXIT_CODE } from '../../jobs/wait-for-replica.js';
import { renderStatusText } from '../../jobs/render-status-text.js';
import { renderJsonOutput } from '../../render-json-output.js';
import type { RegisterCommand } from '../context.js';
import { addConfigOptions, loadCliConfig, type CliOptions } from '../load-cli-config.js';

interface StatusOptions extends CliOptions {
  json?: boolean;
  run?: string;
}

/** Runs per source in the JSON form; the text form shows the newest five. */
const JSON_RUNS = 20;

export const registerStatusCommand: RegisterCommand = (program, ctx) => {
  addConfigOptions(
    program
      .command('status')
      .description('Show the live daemon replicas, per source the last runs, whether a run is active, the next scheduled run, and the queue counts'),
  )
    .option('--json', 'print one JSON object {"format_version": 1, "sources": [...], "queues": {...}, "replicas": [...]}, or with --run {"format_version": 1, "run": {...}}')
    .option('--run <run-id>', 'with --source: show this one run of the history with its operations')
    .addHelpText(
      'after',
      '\nExit status: 0 when at least one daemon replica is alive (takes jobs from this Redis and' +
        '\nprefix), 3 when none is (for a cron check that should alarm), 1 on errors such as an' +
        '\nunreachable Redis. Where Redis does not allow CLIENT LIST, replicas are unknown and it exits 0.',
    )
    .action(async (options: StatusOptions) => {
      if (options.run !== undefined && options.source?.length !== 1) throw new ValidationError('--run needs --source NAME (one source): the source whose history holds the run');
      const setup = await loadCliConfig(ctx, options, { needsToken: false });
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      try {
        if (options.run !== undefined) {
          const source = setup.sources[0]!.name;
          const run = (await createRunState(queues).reports.history(source)).find((entry) => entry.run === options.run);
          if (!run) throw new ValidationError(`no run ${JSON.stringify(options.run)} in the history of ${source} (it keeps the last ${DEFAULT_HISTORY_SIZE} runs)`);
          ctx.stdout.write(options.json ? renderJsonOutput({ run }) : renderRunText(run));
          return;
        }
        const status = await readStatus({
          sources: setup.sources,
          runs: queues.runs,
          ops: queues.ops,
          ...createRunState(queues),
          limit: options.json ? JSON_RUNS : 5,
        });
        ctx.stdout.write(options.json ? renderJsonOutput({ ...status }) : renderStatusText(status));
        if (status.replicas?.length === 0) ctx.exitCode = NO_REPLICA_EXIT_CODE;
      } finally {
        await queues.close();
      }
    });
};
