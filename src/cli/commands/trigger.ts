import { Option } from 'commander';
import { ValidationError } from '../../errors.js';
import { enqueueRun } from '../../jobs/enqueue-run.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import { renderJsonOutput } from '../../render-json-output.js';
import type { RegisterCommand } from '../context.js';
import { collectValues } from '../collect-values.js';
import { createRunWaiter } from '../create-run-waiter.js';
import { describeRequester } from '../describe-requester.js';
import { addVerboseOption, loadCliConfig, type CliOptions } from '../load-cli-config.js';
import { parseDurationOption } from '../parse-duration-option.js';
import { printRunEntries } from '../print-run-entries.js';

interface TriggerOptions extends CliOptions {
  all?: boolean;
  wait?: boolean;
  timeout: string;
  json?: boolean;
  force?: boolean;
}

export const registerTriggerCommand: RegisterCommand = (program, ctx) => {
  addVerboseOption(program.command('trigger'))
    .description('Request a resync through the queue (a running daemon does the work), e.g. after an upstream release')
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .addOption(new Option('-s, --source <name>', 'a source to resync; repeat for several').argParser(collectValues).conflicts('all'))
    .option('--all', 'resync every configured source')
    .option('--wait', 'wait for the run reports; exit 1 when a run failed or partly failed, 3 when no daemon replica runs')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 90s, 10m)', '10m')
    .option('--json', 'print JSON: {"format_version": 1, "triggered": [...]}, or with --wait {"format_version": 1, "runs": [...]} like `sync --json`')
    .option('--force', 'lift prune.max_delete for this run only, as `sync --force` does (protected names and an empty upstream are still refused)')
    .addHelpText(
      'after',
      '\nA run requested while the same source is running is queued once behind it; more requests' +
        '\nmeanwhile join that queued run. Other systems can add the same job to the runs queue' +
        '\n(see docs/queue-interface.md).' +
        '\n\nA running daemon does the work. With --wait and no daemon replica taking runs (none within' +
        '\n5 s, or none for 30 s while waiting), trigger exits 3 at once instead of waiting for the' +
        '\ntimeout; without --wait the run is queued and starts when a daemon does.',
    )
    .action(async (options: TriggerOptions) => {
      if (!options.source && !options.all) throw new ValidationError('name a source with --source NAME, or use --all');
      const timeoutMs = parseDurationOption('--timeout', options.timeout);
      const setup = await loadCliConfig(ctx, options, { needsToken: false });
      if (setup.sources.length === 0) throw new ValidationError('the config has no sources to trigger');
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      const waiter = createRunWaiter(ctx, queues, setup);
      try {
        await waiter.guard(async () => {
          await waiter.check(options.wait === true, 'trigger without --wait to queue the run for when one starts');
          const requestedBy = describeRequester(ctx.env);
          const triggered = [];
          for (const source of setup.sources) {
            const request = { source: source.name, reason: 'trigger' as const, requestedBy, ...(options.force ? { force: true } : {}) };
            triggered.push({ source: source.name, job: await enqueueRun(queues.runs, request) });
          }
          if (!options.wait) {
            if (options.json) ctx.stdout.write(renderJsonOutput({ triggered }));
            else for (const t of triggered) ctx.stdout.write(`Queued a run of ${t.source} (job ${t.job})\n`);
            return;
          }
          printRunEntries(ctx, await waiter.wait(triggered.map((t) => t.job), timeoutMs), { json: options.json === true });
        });
      } finally {
        await queues.close();
      }
    });
};
