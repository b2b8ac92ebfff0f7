import { Option } from 'commander';
import { parseDuration } from '../../config/parse-duration.js';
import { ValidationError } from '../../errors.js';
import { enqueueRun } from '../../jobs/enqueue-run.js';
import { openClientQueues } from '../../jobs/open-client-queues.js';
import type { RunHistoryEntry } from '../../jobs/types.js';
import { waitForRun } from '../../jobs/wait-for-run.js';
import { renderRunReportText } from '../../sync/render-run-report-text.js';
import { runReportToJson } from '../../sync/run-report-to-json.js';
import type { RegisterCommand } from '../context.js';
import { loadCliConfig } from '../load-cli-config.js';

interface TriggerOptions {
  config?: string;
  source?: string;
  all?: boolean;
  wait?: boolean;
  timeout: string;
  json?: boolean;
}

function parseTimeout(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new ValidationError(`--timeout ${parsed.message}`, { '--timeout': [parsed.message] });
  return parsed.value;
}

export const registerTriggerCommand: RegisterCommand = (program, ctx) => {
  program
    .command('trigger')
    .description('Request a resync through the queue (a running daemon does the work), e.g. after an upstream release')
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .addOption(new Option('-s, --source <name>', 'the source to resync').conflicts('all'))
    .option('--all', 'resync every configured source')
    .option('--wait', 'wait for the run reports; exit 1 when a run failed or partly failed')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 90s, 10m)', '10m')
    .option('--json', 'print JSON: {"triggered": [...]}, or with --wait {"runs": [...]} like `sync --json`')
    .addHelpText(
      'after',
      '\nA run requested while the same source is running is queued once behind it; more requests' +
        '\nmeanwhile join that queued run. Other systems can add the same job to the runs queue' +
        '\n(see docs/queue-interface.md).',
    )
    .action(async (options: TriggerOptions) => {
      if (!options.source && !options.all) throw new ValidationError('name a source with --source NAME, or use --all');
      const timeoutMs = parseTimeout(options.timeout);
      const setup = await loadCliConfig(ctx, { config: options.config, source: options.source }, { needsToken: false });
      if (setup.sources.length === 0) throw new ValidationError('the config has no sources to trigger');
      const queues = await openClientQueues(setup.config.redis, setup.logger);
      try {
        const triggered = [];
        for (const source of setup.sources) {
          triggered.push({ source: source.name, job: await enqueueRun(queues.runs, { source: source.name, reason: 'trigger' }) });
        }
        if (!options.wait) {
          if (options.json) ctx.stdout.write(`${JSON.stringify({ triggered }, null, 2)}\n`);
          else for (const t of triggered) ctx.stdout.write(`Queued a run of ${t.source} (job ${t.job})\n`);
          return;
        }
        const reports: RunHistoryEntry[] = await Promise.all(
          triggered.map((t) => waitForRun(queues.runs, t.job, { timeoutMs })),
        );
        if (options.json) {
          const runs = reports.map((r) => ({ ...runReportToJson(r), run: r.run, job: r.job }));
          ctx.stdout.write(`${JSON.stringify({ runs }, null, 2)}\n`);
        } else {
          for (const report of reports) ctx.stdout.write(renderRunReportText(report));
        }
        if (reports.some((r) => r.status === 'failed' || r.status === 'partial')) ctx.exitCode = 1;
      } finally {
        await queues.close();
      }
    });
};
