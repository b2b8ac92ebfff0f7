// A JSON logger that keeps its lines in memory: benchmarks read phase timestamps (pino `time`)
// from them instead of adding timing hooks to the code they measure.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log/create-logger.js';

export interface LogLine {
  /** ISO 8601, as the project's logger writes it. */
  time: string;
  msg: string;
  [key: string]: unknown;
}

export interface BenchLogger {
  logger: Logger;
  /** Epoch ms of the first line with this message, or null. */
  timeOf(msg: string): number | null;
}

/** Epoch ms of the first line with a message among parsed pino lines, or null. */
export function timeOfLine(lines: readonly LogLine[], msg: string): number | null {
  const line = lines.find((l) => l.msg === msg);
  return line ? Date.parse(line.time) : null;
}

/**
 * Keeps the raw text and parses only when asked: the in-process path shares this process, and
 * parsing 5,000 audit lines as they come would be the bench's cost charged to the code measured
 * (a real `sync` only writes its lines to a stream).
 */
export function createBenchLogger(options: { level?: string; secrets?: string[] } = {}): BenchLogger {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: options.level ?? 'info', format: 'json', secrets: options.secrets ?? [], destination });
  const timeOf = (msg: string): number | null => {
    const marker = `"msg":${JSON.stringify(msg)}`;
    const text = chunks.join('').split('\n').find((line) => line.includes(marker));
    return text ? timeOfLine([JSON.parse(text) as LogLine], msg) : null;
  };
  return { logger, timeOf };
}
