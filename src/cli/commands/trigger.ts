import { Option } from 'commander';
import { parseDuration } from '../../config/parse-duration.js';
import { ValidationError } from '../../errors.js';
import { enqueueRun } from '../../jobs/enqueue-run.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import type { RunHistoryEntry } from '../../jobs/types.js';
import { waitForRun } from '../../jobs/wait-for-run.js';
import { describeRedis } from '../../jobs/describe-redis.js';
import { readReplicas } from '../../jobs/read-replicas.js';
import { NO_REPLICA_EXIT_CODE, NoLiveReplica, waitForReplica } from '../../jobs/wait-for-replica.js';
import { watchReplicas } from '../../jobs/watch-replicas.js';
import { renderJsonOutput } from '../../render-json-output.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import { runReportToJson } from '../../sync/run-report-to-json.js';
import type { RegisterCommand } from '../context.js';
import { collectValues } from '../collect-values.js';
import { addVerboseOption, loadCliConfig, type CliOptions } from '../load-cli-config.js';

interface TriggerOptions extends CliOptions {
  all?: boolean;
  wait?: boolean;
  timeout: string;
  json?: boolean;
}

/** A replica that is starting or reconnecting to Redis gets this long to show up. */
const START_GRACE_MS = 5_000;
/** While waiting: how often replicas are checked, and how long none may run (a rolling restart). */
const CHECK_EVERY_MS = 5_000;
const WAIT_GRACE_MS = 30_000;

function parseTimeout(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new ValidationError(`--timeout ${parsed.message}`, { '--timeout': [parsed.message] });
  return parsed.value;
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
      const timeoutMs = parseTimeout(options.timeout);
      const setup = await loadCliConfig(ctx, options, { needsToken: false });
      if (setup.sources.length === 0) throw new ValidationError('the config has no sources to trigger');
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      const where = `${describeRedis(setup.config.redis)} with prefix ${setup.config.redis.prefix}`;
      // A replica with a worker on the runs queue; where Redis cannot list its clients, assume one.
      const alive = async (): Promise<boolean> => {
        const replicas = await readReplicas([queues.runs]);
        return replicas === null || replicas.length > 0;
      };
      try {
        if (options.wait) {
          const reason = `no daemon replica takes runs from ${where}: start \`catalog-sync daemon\` with this config, or trigger without --wait to queue the run for when one starts (nothing was queued)`;
          await waitForReplica(alive, { graceMs: START_GRACE_MS, reason });
        } else if (!(await alive())) {
          ctx.stderr.write('catalog-sync: note: no daemon replica is running; the run starts when one does\n');
        }
        const triggered = [];
        for (const source of setup.sources) {
          triggered.push({ source: source.name, job: await enqueueRun(queues.runs, { source: source.name, reason: 'trigger' }) });
        }
        if (!options.wait) {
          if (options.json) ctx.stdout.write(renderJsonOutput({ triggered }));
          else for (const t of triggered) ctx.stdout.write(`Queued a run of ${t.source} (job ${t.job})\n`);
          return;
        }
        const stop = new AbortController();
        let reports: RunHistoryEntry[];
        try {
          reports = await Promise.race([
            Promise.all(triggered.map((t) => waitForRun(queues.runs, t.job, { timeoutMs, signal: stop.signal }))),
            watchReplicas(alive, {
              everyMs: CHECK_EVERY_MS,
              graceMs: WAIT_GRACE_MS,
              reason: `no daemon replica has taken runs from ${where} for ${WAIT_GRACE_MS / 1000}s: stopped waiting; the run stays queued and starts when a daemon does`,
              signal: stop.signal,
            }),
          ]);
        } finally {
          stop.abort();
        }
        if (options.json) {
          const runs = reports.map((r) => ({ ...runReportToJson(r), run: r.run, job: r.job }));
          ctx.stdout.write(renderJsonOutput({ runs }));
        } else {
          for (const report of reports) ctx.stdout.write(renderRunReportText(report));
        }
        if (reports.some((r) => r.status === 'failed' || r.status === 'partial')) ctx.exitCode = 1;
      } catch (err) {
        if (!(err instanceof NoLiveReplica)) throw err;
        ctx.stderr.write(`catalog-sync: ${err.message}\n`);
        ctx.exitCode = NO_REPLICA_EXIT_CODE;
      } finally {
        await queues.close();
      }
    });
};
