// A JSON logger that keeps its lines in memory: benchmarks read phase timestamps (pino `time`)
// from them instead of adding timing hooks to the code they measure.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log/create-logger.js';

export interface LogLine {
  time: number;
  msg: string;
  [key: string]: unknown;
}

export interface BenchLogger {
  logger: Logger;
  lines: LogLine[];
  /** Epoch ms of the first line with this message, or null. */
  timeOf(msg: string): number | null;
}

/** Finds the first line with a message among parsed pino lines. */
export function findLine(lines: readonly LogLine[], msg: string): LogLine | undefined {
  return lines.find((line) => line.msg === msg);
}

export function createBenchLogger(options: { level?: string; secrets?: string[] } = {}): BenchLogger {
  const lines: LogLine[] = [];
  let rest = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as LogLine);
      done();
    },
  });
  const logger = createLogger({ level: options.level ?? 'info', format: 'json', secrets: options.secrets ?? [], destination });
  return { logger, lines, timeOf: (msg) => findLine(lines, msg)?.time ?? null };
}
