import { renderJsonOutput } from '../../render-json-output.js';
import { ValidationError } from '../../errors.js';
import { createRunState } from '../../jobs/create-run-state.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import { rejectPendingPlan } from '../../jobs/reject-pending-plan.js';
import type { RegisterCommand } from '../context.js';
import { describeRequester } from '../describe-requester.js';
import { loadCliConfig } from '../load-cli-config.js';

interface RejectOptions {
  config?: string;
  source: string;
  json?: boolean;
}

export const registerRejectCommand: RegisterCommand = (program, ctx) => {
  program
    .command('reject')
    .description("Drop the source's plan that waits for approval, without applying any of it")
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .requiredOption('-s, --source <name>', 'the source whose pending plan to drop')
    .option('--json', 'print JSON: {"rejected": {"source", "plan_id", "run"}}')
    .addHelpText('after', '\nThe rejection is recorded in the run history (reason reject). Exit 1 when no plan is pending.')
    .action(async (options: RejectOptions) => {
      const setup = await loadCliConfig(ctx, { ...(options.config ? { config: options.config } : {}), source: [options.source] }, { needsToken: false });
      const source = setup.sources[0]!.name;
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      try {
        const entry = await rejectPendingPlan(createRunState(queues), { source, requestedBy: describeRequester(ctx.env) });
        if (!entry) throw new ValidationError(`no plan of ${source} is pending approval (see \`catalog-sync status --source ${source}\`)`);
        const view = { source, plan_id: entry.plan_id!, run: entry.run };
        ctx.stdout.write(options.json ? renderJsonOutput({ rejected: view }) : `Rejected plan ${view.plan_id} of ${source}: nothing of it was applied\n`);
      } finally {
        await queues.close();
      }
    });
};
