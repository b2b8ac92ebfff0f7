import { listSecrets } from '../../config/list-secrets.js';
import { loadConfig } from '../../config/load-config.js';
import { parseDuration } from '../../config/parse-duration.js';
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS, startDaemon } from '../../daemon/start-daemon.js';
import { ValidationError } from '../../errors.js';
import { createLogger, type Logger } from '../../log/create-logger.js';
import type { CliContext, RegisterCommand } from '../context.js';

interface DaemonCommandOptions {
  config?: string;
  shutdownTimeout?: string;
  lockDuration?: string;
}

function duration(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new ValidationError(`${option} ${parsed.message}`, { [option]: [parsed.message] });
  return parsed.value;
}

/**
 * Resolves on the first SIGTERM/SIGINT; a second one exits at once. From the first signal on,
 * the process exits when the deadline passes, whatever still holds it open (a start-up still
 * waiting for Redis, a connection that does not close).
 */
function waitForStopSignal(logger: Logger, deadlineMs: number): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (received) {
        logger.warn({ signal }, 'second stop signal: exiting now');
        process.exit(1);
      }
      received = true;
      logger.info({ signal }, 'stop signal received');
      setTimeout(() => process.exit(0), deadlineMs).unref();
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function daemonLogger(ctx: CliContext, level: string, secrets: string[]): Logger {
  // JSON for log collectors; pretty for a person at a terminal (LOG_FORMAT=json|pretty decides).
  const requested = ctx.env.LOG_FORMAT;
  const format = requested === 'pretty' || (requested !== 'json' && ctx.stdout.isTTY === true) ? 'pretty' : 'json';
  return createLogger({ level, format, secrets, destination: ctx.stdout });
}

export const registerDaemonCommand: RegisterCommand = (program, ctx) => {
  program
    .command('daemon')
    .description('Run the sync daemon: queue workers, schedules, webhooks out, and the HTTP server (/healthz, /readyz, /metrics, the status page, and the API when server.api_token is set)')
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .option('--shutdown-timeout <duration>', 'on SIGTERM/SIGINT, time for running jobs to finish or be handed back (default 30s)')
    .option(
      '--lock-duration <duration>',
      "how long a replica's claim on a job lasts without renewal, i.e. how soon the jobs of a crashed replica " +
        'are taken over by another (default 30s, or $CATALOG_SYNC_LOCK_DURATION)',
    )
    .addHelpText(
      'after',
      '\nAny number of replicas may share one Redis: each cron slot runs once, one run per source at a time.' +
        '\nLogs are JSON lines on stdout (LOG_FORMAT=pretty for humans).',
    )
    .action(async (options: DaemonCommandOptions) => {
      const shutdownTimeoutMs = duration('--shutdown-timeout', options.shutdownTimeout, DEFAULT_SHUTDOWN_TIMEOUT_MS);
      const lockDurationMs = duration(
        '--lock-duration',
        options.lockDuration ?? ctx.env.CATALOG_SYNC_LOCK_DURATION,
        DEFAULT_LOCK_DURATION_MS,
      );
      const config = await loadConfig({ file: options.config, env: ctx.env });
      const logger = daemonLogger(ctx, config.log.level, listSecrets(config));
      for (const warning of config.warnings) logger.warn(warning);
      const stopped = waitForStopSignal(logger, shutdownTimeoutMs);
      const daemon = await startDaemon({ config, logger, options: { shutdownTimeoutMs, lockDurationMs } });
      await stopped;
      await daemon.stop();
      ctx.exitCode = 0;
    });
};
