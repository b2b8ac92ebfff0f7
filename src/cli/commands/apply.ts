import { renderJsonOutput } from '../../render-json-output.js';
import { readFile } from 'node:fs/promises';
import type { SourceConfig } from '../../config/types.js';
import { StalePlan, ValidationError, describeError, type StalePlanItem } from '../../errors.js';
import type { CatalogRef } from '../../model.js';
import { applyPlanSource } from '../../plan-file/apply-plan-source.js';
import { findStaleOperations } from '../../plan-file/find-stale-operations.js';
import { parsePlanFile } from '../../plan-file/parse-plan-file.js';
import { readCatalogNow } from '../../plan-file/read-catalog-now.js';
import type { PlanSource } from '../../plan-file/types.js';
import { createRunId } from '../../sync/create-run-id.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import type { OperationRecord } from '../../model/operation-record.js';
import type { RunReport } from '../../model/run-report.js';
import { abortOnSignals } from '../abort-on-signals.js';
import type { RegisterCommand } from '../context.js';
import { createProgress } from '../create-progress.js';
import { printRunReports } from '../print-run-reports.js';
import { describeRequester } from '../describe-requester.js';
import { loadCliConfig } from '../load-cli-config.js';
import { addRunStateOptions, noteWaiting, openRunState, parseLockTimeout, type RunStateOptions } from '../run-state-options.js';
import { showApplyProgress } from '../show-apply-progress.js';

interface ApplyCommandOptions extends RunStateOptions {
  config?: string;
  json?: boolean;
}

/** The config's source of a planned one; its catalog must still be the one the plan names. */
function sourceOf(sources: SourceConfig[], plan: PlanSource): { source: SourceConfig; stale: StalePlanItem | null } {
  const source = sources.find((s) => s.name === plan.source);
  if (!source) {
    const known = sources.map((s) => s.name).join(', ') || '(none)';
    throw new ValidationError(`the plan is for source "${plan.source}", which the config does not name (configured sources: ${known})`);
  }
  const { name, version, type } = source.catalog;
  const same = name === plan.catalog.name && version === plan.catalog.version && type === plan.catalog.type;
  const stale: StalePlanItem | null = same
    ? null
    : { source: plan.source, kind: 'catalog', name: `catalog "${plan.catalog.name}" ${plan.catalog.version}`, uuid: plan.catalog.uuid, reason: `is no longer the source's catalog (the config names "${name}" ${version} (${type}))` };
  return { source, stale };
}

export const registerApplyCommand: RegisterCommand = (program, ctx) => {
  addRunStateOptions(program.command('apply'))
    .description('Apply a plan saved by `plan --out FILE` exactly as it was reviewed, or nothing if the catalog changed since')
    .argument('<file>', 'the saved plan')
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .option('--json', 'print the reports as one JSON object {"runs": [...]}, like `sync --json`')
    .addHelpText(
      'after',
      '\nUpstream is not read again. Before writing anything, every catalog of the plan is listed and each' +
        '\npackage the plan touches is compared with what the plan was computed from: a changed field, a' +
        '\nnewer `modified` time, a delete target already gone, a create whose name is now taken or a' +
        '\ndifferent catalog make the plan stale, and then nothing is written. With redis in the config,' +
        '\nevery source of the plan is held under the daemon\'s per-source lock from the check to the end,' +
        '\nand the runs are recorded in its history (reason "cli", with the plan id).' +
        '\n\nExit codes: 0 = applied (or deletes refused when the plan was made), 1 = stale plan, a failed' +
        '\nsource or a failed operation.',
    )
    .action(async (file: string, options: ApplyCommandOptions) => {
      const waitMs = parseLockTimeout(options.lockTimeout);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new ValidationError(`cannot read the saved plan ${file}: ${describeError(err)}`);
      }
      const planFile = parsePlanFile(text, file);
      const setup = await loadCliConfig(ctx, { config: options.config });
      if (planFile.waldur_url !== setup.config.waldur.url) {
        throw new ValidationError(
          `the plan was computed against the Waldur at ${planFile.waldur_url}, the config names ${setup.config.waldur.url}: apply it with the config it was made with`,
        );
      }
      const parts = planFile.sources.map((plan) => ({ plan, ...sourceOf(setup.sources, plan) }));
      const runIds = new Map(parts.map(({ source }) => [source.name, createRunId(source.name)]));
      const runState = await openRunState(setup, options, describeRequester(ctx.env));
      const held: string[] = [];
      const controller = new AbortController();
      const release = abortOnSignals(controller);
      const progress = createProgress(ctx.stderr, { enabled: !options.json });
      const client = setup.createClient();
      const reports: RunReport[] = [];
      try {
        // No run of these sources may write between the check and the end of the apply.
        for (const { source } of parts) {
          await runState?.hold(source.name, runIds.get(source.name)!, { waitMs, signal: controller.signal, onWait: noteWaiting(ctx, source.name, waitMs) });
          held.push(source.name);
        }
        // Every part is checked before anything is written: a plan applies whole, or not at all.
        const stale: StalePlanItem[] = [];
        const found = new Map<string, CatalogRef | null>();
        for (const part of parts) {
          if (part.stale) {
            stale.push(part.stale);
            continue;
          }
          progress.phase(`${part.plan.source}: checking the plan against Waldur`);
          const now = await readCatalogNow(client, part.plan, { logger: setup.logger, signal: controller.signal });
          found.set(part.plan.source, now.catalog);
          stale.push(...findStaleOperations(part.plan, now));
        }
        progress.done();
        if (stale.length > 0) {
          if (options.json) ctx.stdout.write(renderJsonOutput({ runs: [], stale }));
          throw new StalePlan(stale, `run \`catalog-sync plan --out ${file}\` again, review it, then apply it`);
        }
        for (const { plan, source } of parts) {
          if (controller.signal.aborted) break;
          const runId = runIds.get(source.name)!;
          const logger = setup.logger.child({ source: source.name, run: runId, plan: planFile.plan_id });
          let operations: readonly OperationRecord[] = [];
          const report = await applyPlanSource(source, plan, found.get(source.name) ?? null, { client: client.withLogger(logger), logger }, {
            runId,
            concurrency: setup.config.waldur.concurrency,
            rateLimitPerSecond: setup.config.waldur.rateLimitPerSecond,
            signal: controller.signal,
            onProgress: showApplyProgress(progress, source.name),
            onOperations: (records) => (operations = records),
          });
          await runState?.finish(report, { planId: planFile.plan_id, operations });
          held.splice(held.indexOf(source.name), 1);
          reports.push(report);
          progress.done();
          if (!options.json) ctx.stdout.write(renderRunReportText(report));
        }
      } finally {
        release();
        progress.done();
        await client.close();
        // Sources that were held but not applied (stale, busy, cancelled): nothing ran for them.
        for (const name of held) await runState?.release(name, runIds.get(name)!);
        await runState?.close();
      }
      printRunReports(ctx, reports, { json: options.json === true, cancelled: controller.signal.aborted });
    });
};
