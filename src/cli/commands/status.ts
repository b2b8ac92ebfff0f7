import { createRunState } from '../../jobs/create-run-state.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import { readStatus } from '../../jobs/read-status.js';
import { renderStatusText } from '../../jobs/render-status-text.js';
import type { RegisterCommand } from '../context.js';
import { addConfigOptions, loadCliConfig } from '../load-cli-config.js';

interface StatusOptions {
  config?: string;
  source?: string;
  json?: boolean;
}

/** Runs per source in the JSON form; the text form shows the newest five. */
const JSON_RUNS = 20;

export const registerStatusCommand: RegisterCommand = (program, ctx) => {
  addConfigOptions(
    program
      .command('status')
      .description('Show per source the last runs, whether a run is active, the next scheduled run, and the queue counts'),
  )
    .option('--json', 'print one JSON object {"sources": [...], "queues": {...}}')
    .action(async (options: StatusOptions) => {
      const setup = await loadCliConfig(ctx, options, { needsToken: false });
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      try {
        const status = await readStatus({
          sources: setup.sources,
          runs: queues.runs,
          ops: queues.ops,
          ...createRunState(queues),
          limit: options.json ? JSON_RUNS : 5,
        });
        ctx.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : renderStatusText(status));
      } finally {
        await queues.close();
      }
    });
};
