// The runs queue is a public interface: other systems add `{"source": "<name>"}`. Such a job is
// checked exactly like a CLI trigger; a bad one fails with a clear reason and nothing else happens.
import { UnrecoverableError } from 'bullmq';
import type { SourceConfig } from '../config/types.js';
import type { RunJobData } from './types.js';

export function parseRunJobData(data: unknown, sources: SourceConfig[]): { data: RunJobData; source: SourceConfig } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UnrecoverableError('run job data must be a JSON object like {"source": "<name>"}');
  }
  const name = (data as { source?: unknown }).source;
  if (typeof name !== 'string' || name === '') {
    throw new UnrecoverableError('run job data needs "source": the name of a configured source');
  }
  const { force, requested_by: requestedBy } = data as { force?: unknown; requested_by?: unknown };
  if (force !== undefined && typeof force !== 'boolean') throw new UnrecoverableError('run job data: "force" must be true or false');
  if (requestedBy !== undefined && typeof requestedBy !== 'string') throw new UnrecoverableError('run job data: "requested_by" must be a string');
  const source = sources.find((s) => s.name === name);
  if (!source) {
    const known = sources.map((s) => s.name).join(', ') || 'none';
    throw new UnrecoverableError(`unknown source ${JSON.stringify(name)} (configured sources: ${known})`);
  }
  return { data: data as RunJobData, source };
}
