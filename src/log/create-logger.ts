import { pino, type Logger, type DestinationStream } from 'pino';
import PinoPretty from 'pino-pretty';
import { createSecretScrubber, type SecretScrubber } from './create-secret-scrubber.js';
import { normalizeLogFields } from './normalize-log-fields.js';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** json (default), or pretty for humans; LOG_FORMAT=pretty or a TTY picks pretty. */
  format?: 'json' | 'pretty';
  /**
   * Values that must never be written (the API token); replaced wherever they appear. A scrubber
   * of the caller's can learn new values later (a reloaded token).
   */
  secrets?: string[] | SecretScrubber;
  /** Where to write; default stdout (stderr for CLI commands whose stdout is their output). */
  destination?: DestinationStream | NodeJS.WritableStream;
  base?: Record<string, unknown>;
}

const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'waldur.token',
];

/**
 * pino logger, JSON lines (or pretty for a person at a terminal), one schema for every line:
 * `level` as a word, `time` in ISO 8601 (UTC), `msg`, snake_case keys, `error` as a message
 * (see normalizeLogFields). Keys named token/authorization are redacted, and as a last line of
 * defence every secret is scrubbed from each serialized line, so an accidental interpolation
 * cannot leak.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const given = options.secrets;
  const scrubber = given === undefined || Array.isArray(given) ? createSecretScrubber(given ?? []) : given;
  const format =
    options.format ??
    (process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.stdout.isTTY)
      ? 'pretty'
      : 'json');
  const target = options.destination ?? process.stdout;
  // pino-pretty as a synchronous stream (not a transport thread), so no line is lost at exit.
  const stream =
    format === 'pretty'
      ? PinoPretty({ destination: target, colorize: (target as { isTTY?: boolean }).isTTY === true, sync: true })
      : (target as DestinationStream);
  return pino(
    {
      level,
      base: options.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      errorKey: 'error',
      formatters: { level: (label) => ({ level: label }), log: normalizeLogFields },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: { streamWrite: (line: string) => scrubber.scrub(line) },
    },
    stream,
  );
}
