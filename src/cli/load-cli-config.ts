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
import { collectValues } from './collect-values.js';
import type { CliContext } from './context.js';
import { CLEAR_LINE } from './create-progress.js';

export interface CliOptions {
  config?: string;
  /** `--source`, given once or more; absent = every source. */
  source?: string[];
  /** `--verbose`: on a terminal, log at the configured level instead of warnings and errors only. */
  verbose?: boolean;
}

export interface CliSetup {
  config: Config;
  /** On stderr: stdout belongs to the command's output (plan, report). */
  logger: Logger;
  /** The sources the command works on: all, or those named by --source, in the order named. */
  sources: SourceConfig[];
  /**
   * A Waldur client for the configured server, logging through `logger` (default: the command's
   * logger; pass a run's logger so request lines carry source and run). The caller closes it.
   */
  createClient(logger?: Logger): WaldurClient;
}

/** `--verbose`, for every command that logs through createCliLogger. */
export function addVerboseOption(command: Command): Command {
  return command.option('-v, --verbose', 'on a terminal, log at log.level (default info) rather than only warnings and errors');
}

/** The options every config-reading command shares: `--config FILE`, `--source NAME` (repeatable), `--verbose`. */
export function addConfigOptions(command: Command): Command {
  return addVerboseOption(
    command
      .option('-c, --config <file>', 'config file (default: $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml)')
      .option('-s, --source <name>', 'only this source; repeat for several (default: every configured source)', collectValues),
  );
}

const SEVERITY = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Logs to stderr: JSON lines, or pretty ones when stderr is a terminal (LOG_FORMAT=json|pretty
 * overrides). On a terminal only warnings and errors unless `verbose` (the command's output says
 * what happened; the info lines are for logs collected by a machine). The token is scrubbed from
 * every line whatever the format.
 */
export function createCliLogger(ctx: CliContext, options: { level: string; secrets: string[]; verbose?: boolean }): Logger {
  const requested = ctx.env.LOG_FORMAT;
  const terminal = ctx.stderr.isTTY === true;
  const pretty = requested === 'pretty' || (requested !== 'json' && terminal);
  const quiet = terminal && options.verbose !== true && SEVERITY.indexOf(options.level) < SEVERITY.indexOf('warn');
  const level = quiet ? 'warn' : options.level;
  // On a terminal a progress line may be showing: each log line first clears it (the next
  // progress update redraws it), so the two never run into each other.
  const destination = ctx.stderr.isTTY === true ? clearingLineFirst(ctx.stderr) : ctx.stderr;
  return createLogger({ level, format: pretty ? 'pretty' : 'json', secrets: options.secrets, destination });
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
  const sources = selectSources(config.sources, options.source);
  const logger = createCliLogger(ctx, { level: config.log.level, secrets: listSecrets(config), verbose: options.verbose });
  for (const warning of config.warnings) logger.warn({ file: config.file }, warning);
  const createClient = (clientLogger: Logger = logger): WaldurClient =>
    createWaldurClient(clientOptionsFromConfig(config.waldur, { logger: clientLogger }));
  return { config, logger, sources, createClient };
}

/** The sources named by --source (each once, in the order named), or all when none is named. */
function selectSources(configured: SourceConfig[], names: string[] | undefined): SourceConfig[] {
  if (names === undefined || names.length === 0) return configured;
  const byName = new Map(configured.map((s) => [s.name, s]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    const known = configured.map((s) => s.name).join(', ') || '(none)';
    const listed = unknown.map((name) => `"${name}"`).join(', ');
    throw new ValidationError(`unknown source${unknown.length > 1 ? 's' : ''} ${listed}; configured sources: ${known}`);
  }
  return [...new Set(names)].map((name) => byName.get(name)!);
}
