import { randomBytes } from 'node:crypto';

/**
 * `<source>-<UTC timestamp>-<random>`, e.g. `site-20260115T031700123Z-9f2c1a`: sortable by time
 * per source, unique across replicas, and safe as a BullMQ job id (no colons) and in log lines.
 */
export function createRunId(source: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `${source}-${stamp}-${randomBytes(3).toString('hex')}`;
}
