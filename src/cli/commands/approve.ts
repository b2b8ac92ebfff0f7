import { renderJsonOutput } from '../../render-json-output.js';
import { ValidationError } from '../../errors.js';
import { createRunState } from '../../jobs/create-run-state.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import { requestApproval } from '../../jobs/request-approval.js';
import type { RegisterCommand } from '../context.js';
import { createRunWaiter } from '../create-run-waiter.js';
import { describeRequester } from '../describe-requester.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseDurationOption } from '../parse-duration-option.js';
import { printRunEntries } from '../print-run-entries.js';

interface ApproveOptions {
  config?: string;
  source: string;
  wait?: boolean;
  timeout: string;
  json?: boolean;
}

export const registerApproveCommand: RegisterCommand = (program, ctx) => {
  program
    .command('approve')
    .description("Apply the source's plan that waits for approval (sources with `approval: deletes | all`), through the queue")
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .requiredOption('-s, --source <name>', 'the source whose pending plan to apply')
    .option('--wait', 'wait for the run report; exit 1 when it failed (a stale plan) or partly failed, 3 when no daemon replica runs')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 90s, 10m)', '10m')
    .option('--json', 'print JSON: {"approved": {...}}, or with --wait {"runs": [...]} like `trigger --wait --json`')
    .addHelpText(
      'after',
      '\n`catalog-sync status` shows the pending plan. A daemon replica applies it as a run of the source' +
        "\n(under the source's lock, reason approve) exactly as it was held, after the same check as" +
        '\n`apply FILE`: if anything it touches changed since, nothing is written, the run fails saying' +
        '\nso and the plan is dropped (the next run holds a fresh one). Exit 1 when no plan is pending.',
    )
    .action(async (options: ApproveOptions) => {
      const timeoutMs = parseDurationOption('--timeout', options.timeout);
      const setup = await loadCliConfig(ctx, { ...(options.config ? { config: options.config } : {}), source: [options.source] }, { needsToken: false });
      const source = setup.sources[0]!.name;
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      const { pending } = createRunState(queues);
      const waiter = createRunWaiter(ctx, queues, setup);
      try {
        await waiter.guard(async () => {
          if (!(await pending.get(source))) throw new ValidationError(`no plan of ${source} is pending approval (see \`catalog-sync status --source ${source}\`)`);
          await waiter.check(options.wait === true, 'approve without --wait to queue the approval for when one starts');
          const approved = await requestApproval({ runs: queues.runs, pending }, { source, requestedBy: describeRequester(ctx.env) });
          if (!approved) throw new ValidationError(`the plan of ${source} was approved, rejected or replaced meanwhile: nothing is pending now`);
          if (!options.wait) {
            const view = { source, plan_id: approved.planId, job: approved.job };
            ctx.stdout.write(options.json ? renderJsonOutput({ approved: view }) : `Queued the approval of plan ${view.plan_id} of ${source} (job ${view.job})\n`);
            return;
          }
          printRunEntries(ctx, await waiter.wait([approved.job], timeoutMs), { json: options.json === true });
        });
      } finally {
        await queues.close();
      }
    });
};
