import { listSecrets } from '../../config/list-secrets.js';
import { loadConfig } from '../../config/load-config.js';
import { parseDuration } from '../../config/parse-duration.js';
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS, startDaemon } from '../../daemon/start-daemon.js';
import { DEFAULT_WATCH_INTERVAL_MS, watchConfig } from '../../daemon/watch-config.js';
import { nameReplica } from '../../jobs/name-replica.js';
import { ValidationError } from '../../errors.js';
import { createLogger, type Logger } from '../../log/create-logger.js';
import { createSecretScrubber, type SecretScrubber } from '../../log/create-secret-scrubber.js';
import type { CliContext, RegisterCommand } from '../context.js';

/** After a completed stop, how long lingering connections may keep the process before it exits. */
const EXIT_GRACE_MS = 1_000;

interface DaemonCommandOptions {
  config?: string;
  shutdownTimeout?: string;
  lockDuration?: string;
  watchInterval?: string;
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

function daemonLogger(ctx: CliContext, level: string, secrets: SecretScrubber): Logger {
  // JSON for log collectors; pretty for a person at a terminal (LOG_FORMAT=json|pretty decides).
  const requested = ctx.env.LOG_FORMAT;
  const format = requested === 'pretty' || (requested !== 'json' && ctx.stdout.isTTY === true) ? 'pretty' : 'json';
  return createLogger({ level, format, secrets, destination: ctx.stdout, base: { replica: nameReplica() } });
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
    .option('--watch-interval <duration>', 'how often token files (waldur.token_file, server.api_token_file) are checked for a new token (default 5s)')
    .addHelpText(
      'after',
      '\nAny number of replicas may share one Redis: each cron slot runs once, one run per source at a time.' +
        '\nSIGHUP (or a changed token file) reloads the config: tokens and the webhook secret apply at once;' +
        '\nthe log names any other changed key, which needs a restart.' +
        '\nLogs are JSON lines on stdout (LOG_FORMAT=pretty for humans).',
    )
    .action(async (options: DaemonCommandOptions) => {
      const shutdownTimeoutMs = duration('--shutdown-timeout', options.shutdownTimeout, DEFAULT_SHUTDOWN_TIMEOUT_MS);
      const lockDurationMs = duration(
        '--lock-duration',
        options.lockDuration ?? ctx.env.CATALOG_SYNC_LOCK_DURATION,
        DEFAULT_LOCK_DURATION_MS,
      );
      const intervalMs = duration('--watch-interval', options.watchInterval, DEFAULT_WATCH_INTERVAL_MS);
      const load = () => loadConfig({ file: options.config, env: ctx.env });
      const config = await load();
      const scrubber = createSecretScrubber(listSecrets(config));
      const logger = daemonLogger(ctx, config.log.level, scrubber);
      for (const warning of config.warnings) logger.warn(warning);
      const stopped = waitForStopSignal(logger, shutdownTimeoutMs);
      // Registered before the start (which may wait for Redis): SIGHUP would otherwise end the process.
      let reload: ((reason: string) => Promise<void>) | null = null;
      let hangUpEarly = false;
      const onHangUp = (): void => {
        if (reload) void reload('SIGHUP');
        else hangUpEarly = true;
      };
      process.on('SIGHUP', onHangUp);
      const daemon = await startDaemon({ config, logger, options: { shutdownTimeoutMs, lockDurationMs } });
      const watch = watchConfig({ config, load, daemon, scrubber, logger, intervalMs });
      reload = watch.reload;
      if (hangUpEarly) void reload('SIGHUP');
      await stopped;
      watch.close();
      process.off('SIGHUP', onHangUp);
      await daemon.stop();
      ctx.exitCode = 0;
      // Stopped and closed. A client still retrying a Redis that is gone (BullMQ waits up to 6 s)
      // must not hold the process; the daemon owns its process, as its signal handling does.
      setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
    });
};
