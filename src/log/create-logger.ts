import { pino, type Logger, type DestinationStream } from 'pino';
import PinoPretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** json (default), or pretty for humans; LOG_FORMAT=pretty or a TTY picks pretty. */
  format?: 'json' | 'pretty';
  /** Values that must never be written (the API token); replaced wherever they appear. */
  secrets?: string[];
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

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * pino logger, JSON lines (or pretty for a person at a terminal). Keys named token/authorization are redacted, and as a last line of defence
 * every secret is scrubbed from each serialized line, so an accidental interpolation cannot leak.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const scrub = secrets.length
    ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g')
    : null;
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
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: scrub
        ? { streamWrite: (line: string) => line.replace(scrub, '[REDACTED]') }
        : {},
    },
    stream,
  );
}
