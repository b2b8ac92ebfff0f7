// The failure model is the same on both apply paths: the in-process runner (runSync) and the
// daemon's queue (batch jobs on real Redis), both against the sandbox over real HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import type { SourceConfig } from '../../src/config/types.js';
import { createQueues } from '../../src/jobs/create-queues.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { startPipeline } from '../../src/jobs/start-pipeline.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { createLogger } from '../../src/log/create-logger.js';
import type { RunReport } from '../../src/model/run-report.js';
import { applyOperation } from '../../src/sync/apply-operation.js';
import { prepareRun } from '../../src/sync/prepare-run.js';
import { runSync } from '../../src/sync/run-sync.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import { uniquePrefix } from '../jobs/pipeline-harness.js';
import { useTestSandbox } from '../support/start-sandbox.js';
import { CATALOG, manifestSource } from './sync-harness.js';

const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const CONCURRENCY = 2;
const logger = createLogger({ level: 'silent', format: 'json' });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'failure-model-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeManifest(name: string, names: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify({ manifest_version: 1, packages: names.map((n) => ({ name: n, description: `${n} package` })) }));
  return file;
}

const names = (n: number, stem: string) => Array.from({ length: n }, (_, i) => `${stem}-${String(i).padStart(2, '0')}`);

type Path = 'in-process' | 'queue';

/** Syncs the source once through the given path and returns its report. */
async function syncThrough(path: Path, source: SourceConfig, waldur: { url: string; token: string }): Promise<RunReport> {
  const client = createWaldurClient({ url: waldur.url, token: waldur.token, retry: FAST });
  try {
    if (path === 'in-process') {
      return await runSync(source, { client, logger }, { runId: `${source.name}-run`, force: false, concurrency: CONCURRENCY, rateLimitPerSecond: null, retry: FAST });
    }
    const queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('failure-model'), mode: 'daemon', logger });
    const pipeline = await startPipeline({
      queues,
      sources: () => [source],
      prepare: (s, { runId, logger: runLogger, signal }) =>
        prepareRun(s, { client, logger: runLogger }, { runId, force: false, apply: true, ...(signal ? { signal } : {}) }),
      apply: (op, ctx) => applyOperation(client, op, ctx),
      logger,
      settings: { writeConcurrency: CONCURRENCY, rateLimitPerSecond: null, runConcurrency: 1, lockDurationMs: 5_000, stalledIntervalMs: 5_000 },
      retry: FAST,
      batchSize: 5,
    });
    try {
      return await waitForRun(queues.runs, await enqueueRun(queues.runs, { source: source.name, reason: 'trigger' }), { timeoutMs: 60_000 });
    } finally {
      await pipeline.workers.close(5_000);
      await queues.close();
    }
  } finally {
    await client.close();
  }
}

describe.each<Path>(['in-process', 'queue'])('one failure model, %s path', (path) => {
  const sb = useTestSandbox();

  it('when 20 packages cannot be deleted, then Waldur receives at most 5 DELETEs for each (100 in all)', async () => {
    // Arrange
    const { state } = sb.current.sandbox;
    const catalog = state.addCatalog({ name: CATALOG.name, version: CATALOG.version, catalogType: CATALOG.type });
    state.addPackage(catalog.uuid, { name: 'keep', description: 'keep package' });
    const retired = names(20, 'retired');
    for (const name of retired) state.addPackage(catalog.uuid, { name, description: 'gone upstream' });
    sb.current.sandbox.setFaults({ undeletable: retired });
    const source = manifestSource(writeManifest(`undeletable-${path}`, ['keep']), { prune: { maxDelete: { kind: 'count', value: 20 } } });

    // Act
    const report = await syncThrough(path, source, sb.current);

    // Assert
    expect(report).toMatchObject({ status: 'failed', deleted: 0, failed: 20 });
    expect(sb.current.sandbox.stats.count('DELETE')).toBeLessThanOrEqual(100);
    expect(sb.current.sandbox.stats.count('DELETE')).toBeGreaterThanOrEqual(20);
    expect(state.listPackages(catalog.uuid)).toHaveLength(21);
  });

  it('when the token is rejected in the middle of a run, then the remaining writes are not sent', async () => {
    // Arrange: the catalog exists; after 10 creates every request answers 401.
    sb.current.sandbox.state.addCatalog({ name: CATALOG.name, version: CATALOG.version, catalogType: CATALOG.type });
    sb.current.sandbox.setFaults({ revokeTokenAfterWrites: 10 });
    const source = manifestSource(writeManifest(`revoked-${path}`, names(40, 'pkg')));

    // Act
    const report = await syncThrough(path, source, sb.current);

    // Assert: the writes in flight when the token was revoked fail; nothing after them is sent.
    const posts = sb.current.sandbox.stats.count('POST');
    expect(posts).toBeLessThanOrEqual(10 + CONCURRENCY);
    expect(report).toMatchObject({ status: 'partial', created: 10, failed: 30 });
    expect(report.errors.some((e) => e.includes('not sent: Waldur rejected the token'))).toBe(true);
  });
});
