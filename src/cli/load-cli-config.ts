import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { listSecrets } from '../config/list-secrets.js';
import { loadConfig } from '../config/load-config.js';
import type { Config, SourceConfig } from '../config/types.js';
import { ValidationError } from '../errors.js';
import { createLogger, type Logger } from '../log/create-logger.js';
import { clientOptionsFromConfig } from '../waldur/client-options-from-config.js';
import { createWaldurClient } from '../waldur/create-waldur-client.js';
import type { WaldurClient } from '../waldur/types.js';
import type { CliContext } from './context.js';
import { CLEAR_LINE } from './create-progress.js';

export interface CliOptions {
  config?: string;
  source?: string;
}

export interface CliSetup {
  config: Config;
  /** On stderr: stdout belongs to the command's output (plan, report). */
  logger: Logger;
  /** The sources the command works on: all, or the one named by --source. */
  sources: SourceConfig[];
  /**
   * A Waldur client for the configured server, logging through `logger` (default: the command's
   * logger; pass a run's logger so request lines carry source and run). The caller closes it.
   */
  createClient(logger?: Logger): WaldurClient;
}

/** The options every config-reading command shares: `--config FILE` and `--source NAME`. */
export function addConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
    .option('-s, --source <name>', 'only this source (default: every configured source)');
}

/**
 * Logs to stderr: JSON lines, or pretty ones when stderr is a terminal (LOG_FORMAT=json|pretty
 * overrides). The token is scrubbed from every line whatever the format.
 */
export function createCliLogger(ctx: CliContext, options: { level: string; secrets: string[] }): Logger {
  const requested = ctx.env.LOG_FORMAT;
  const pretty = requested === 'pretty' || (requested !== 'json' && ctx.stderr.isTTY === true);
  // On a terminal a progress line may be showing: each log line first clears it (the next
  // progress update redraws it), so the two never run into each other.
  const destination = ctx.stderr.isTTY === true ? clearingLineFirst(ctx.stderr) : ctx.stderr;
  return createLogger({ level: options.level, format: pretty ? 'pretty' : 'json', secrets: options.secrets, destination });
}

function clearingLineFirst(stream: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stream.write(CLEAR_LINE);
      stream.write(chunk, () => done());
    },
  });
}

/** Loads the config (file from --config, else the default path), the logger and the selected sources. */
export async function loadCliConfig(
  ctx: CliContext,
  options: CliOptions,
  /** needsToken false: the command never calls Waldur, so the token may be unset. */
  requirements: { needsToken?: boolean } = {},
): Promise<CliSetup> {
  const config = await loadConfig({ file: options.config, env: ctx.env, needsToken: requirements.needsToken });
  let sources = config.sources;
  if (options.source !== undefined) {
    sources = config.sources.filter((s) => s.name === options.source);
    if (sources.length === 0) {
      const known = config.sources.map((s) => s.name).join(', ') || '(none)';
      throw new ValidationError(`unknown source "${options.source}"; configured sources: ${known}`);
    }
  }
  const logger = createCliLogger(ctx, { level: config.log.level, secrets: listSecrets(config) });
  for (const warning of config.warnings) logger.warn({ file: config.file }, warning);
  const createClient = (clientLogger: Logger = logger): WaldurClient =>
    createWaldurClient(clientOptionsFromConfig(config.waldur, { logger: clientLogger }));
  return { config, logger, sources, createClient };
}
