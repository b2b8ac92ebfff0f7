import { describeError } from '../../errors.js';
import { buildPlanSource } from '../../plan-file/build-plan-source.js';
import { PLAN_FORMAT_VERSION, type PlanSource } from '../../plan-file/types.js';
import { writePlanFile } from '../../plan-file/write-plan-file.js';
import { renderPlanJson, type PlanFailure } from '../../plan/render-plan-json.js';
import { renderPlanText } from '../../plan/render-plan-text.js';
import type { SourcePlan } from '../../plan/types.js';
import { createUpstreamCache } from '../../sources/create-upstream-cache.js';
import { createRunId } from '../../sync/create-run-id.js';
import { prepareRun } from '../../sync/prepare-run.js';
import type { PreparedRun } from '../../sync/types.js';
import type { RegisterCommand } from '../context.js';
import { createProgress } from '../create-progress.js';
import { describeRequester } from '../describe-requester.js';
import { showStage } from '../show-stage.js';
import { addConfigOptions, loadCliConfig, type CliOptions } from '../load-cli-config.js';

interface PlanCommandOptions extends CliOptions {
  json?: boolean;
  detailedExitcode?: boolean;
  force?: boolean;
  out?: string;
}

function toSourcePlan(prepared: PreparedRun): SourcePlan {
  return {
    source: prepared.source,
    catalog: { ...prepared.catalogKey, uuid: prepared.catalog?.uuid ?? null },
    plan: prepared.plan,
  };
}

function hasChanges(view: SourcePlan): boolean {
  const { plan } = view;
  return view.catalog.willCreate || plan.create.length + plan.update.length + plan.delete.length > 0;
}

export const registerPlanCommand: RegisterCommand = (program, ctx) => {
  addConfigOptions(
    program
      .command('plan')
      .description('Show what `sync` would change in each catalog, without writing anything to Waldur')
      .addHelpText(
        'after',
        '\nExit codes: 0 = success (with --detailed-exitcode: no changes), 1 = error, 2 = changes (with --detailed-exitcode).',
      ),
  )
    .option('--json', 'print the plans as one JSON object {"format_version": 1, "plans": [...]}')
    .option('--detailed-exitcode', 'exit 2 when any source has changes, 0 when none')
    .option('--force', 'plan deletes beyond prune.max_delete, as `sync --force` would apply them')
    .option('--out <file>', 'also save the plan to FILE (JSON) for `catalog-sync apply FILE`, which applies exactly it or nothing')
    .action(async (options: PlanCommandOptions) => {
      const createdAt = new Date();
      const setup = await loadCliConfig(ctx, options);
      const upstreamCache = createUpstreamCache();
      const progress = createProgress(ctx.stderr, { enabled: !options.json });
      const views: SourcePlan[] = [];
      const failures: PlanFailure[] = [];
      const saved: PlanSource[] = [];
      // Text plans stream out source by source, separated by a blank line.
      const printText = (text: string): void => {
        if (options.json) return;
        progress.done();
        ctx.stdout.write(views.length + failures.length > 1 ? `\n${text}` : text);
      };
      try {
        // Sources are independent: one that fails is reported and the others are still planned.
        for (const source of setup.sources) {
          const runId = createRunId(source.name);
          const logger = setup.logger.child({ source: source.name, run: runId });
          const client = setup.createClient(logger);
          try {
            const prepared = await prepareRun(source, { client, logger, upstreamCache }, {
              runId,
              force: options.force === true,
              apply: false,
              review: options.out !== undefined,
              onStage: (stage) => showStage(progress, source.name, stage),
            });
            if (options.out !== undefined) saved.push(buildPlanSource(prepared, source, { force: options.force === true }));
            views.push(toSourcePlan(prepared));
            printText(renderPlanText(views.at(-1)!));
          } catch (err) {
            const error = describeError(err);
            logger.error({ error }, 'plan failed');
            failures.push({ source: source.name, error });
            printText(`Source ${source.name}: not planned: ${error}\n`);
          } finally {
            await client.close();
          }
        }
      } finally {
        progress.done();
      }
      if (options.json) ctx.stdout.write(renderPlanJson(views, failures));
      if (options.out !== undefined) {
        // Half a plan would be applied as if it were all of it: no file unless every source planned.
        if (failures.length > 0) {
          ctx.stderr.write(`catalog-sync: the plan was not saved to ${options.out}: ${failures.length} source(s) could not be planned\n`);
        } else {
          const planId = createRunId('plan', createdAt);
          await writePlanFile(options.out, {
            format_version: PLAN_FORMAT_VERSION,
            plan_id: planId,
            created_at: createdAt.toISOString(),
            created_by: describeRequester(ctx.env),
            waldur_url: setup.config.waldur.url,
            sources: saved,
          });
          ctx.stderr.write(`Saved plan ${planId} to ${options.out}: \`catalog-sync apply ${options.out}\` applies exactly it, or nothing if the catalog changed meanwhile\n`);
        }
      }
      if (failures.length > 0) ctx.exitCode = 1;
      else if (options.detailedExitcode && views.some(hasChanges)) ctx.exitCode = 2;
    });
};
