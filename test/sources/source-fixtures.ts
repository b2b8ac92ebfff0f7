// Shared helpers of the source reader tests: fixture paths, a source config, a capturing logger.
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SourceConfig } from '../../src/config/types.js';
import { SourceError } from '../../src/errors.js';
import { createLogger, type Logger } from '../../src/log/create-logger.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));

export function fixture(path: string): string {
  return `${FIXTURES}${path}`;
}

export function sourceConfig(overrides: Partial<SourceConfig> & Pick<SourceConfig, 'kind' | 'location'>): SourceConfig {
  return {
    name: 'test-source',
    options: {},
    catalog: { name: 'Site software', version: '1', type: 'binary_runtime', create: false },
    schedule: null,
    timezone: null,
    prune: { enabled: false, maxDelete: { kind: 'percent', value: 10 }, allowEmpty: false },
    protect: [],
    fetch: { maxBytes: 64 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5 },
    ...overrides,
  };
}

/** A JSON logger whose lines the test can read. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', format: 'json', destination }), lines };
}

/** The SourceError a read rejects with; the test fails when it resolves or rejects otherwise. */
export async function sourceError(read: Promise<unknown>): Promise<SourceError> {
  const error = await read.catch((err: unknown) => err);
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}
