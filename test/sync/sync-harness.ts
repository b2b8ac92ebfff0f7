// Shared setup of the sync tests: a real sandbox over HTTP, a real client, manifest sources.
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CatalogConfig, PruneConfig, SourceConfig } from '../../src/config/types.js';
import { createLogger, type Logger } from '../../src/log/create-logger.js';
import type { CatalogRef } from '../../src/model.js';
import type { SyncDeps } from '../../src/sync/types.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import type { WaldurClient } from '../../src/waldur/types.js';
import { startTestSandbox, type TestSandbox } from '../support/start-sandbox.js';

export const CATALOG: CatalogConfig = { name: 'Site modules', version: '2026.1', type: 'binary_runtime', create: true };

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/sync/${name}`, import.meta.url));
}

export function manifestSource(
  location: string,
  overrides: { name?: string; prune?: Partial<PruneConfig>; catalog?: Partial<CatalogConfig>; protect?: string[] } = {},
): SourceConfig {
  return {
    name: overrides.name ?? 'site',
    kind: 'manifest',
    location,
    options: {},
    catalog: { ...CATALOG, ...overrides.catalog },
    schedule: null,
    timezone: null,
    prune: { enabled: true, maxDelete: { kind: 'count', value: 10 }, allowEmpty: false, ...overrides.prune },
    protect: overrides.protect ?? [],
    fetch: { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 2 },
  };
}

/** A logger that keeps its lines, so tests can look for what must (not) be logged. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', format: 'json', destination }), lines };
}

export interface SyncHarness {
  test: TestSandbox;
  client: WaldurClient;
  deps: SyncDeps;
  logLines: string[];
  /** Adds the configured catalog to the sandbox and returns it as the client reads it. */
  seedCatalog(): Promise<CatalogRef>;
  /** Packages of a catalog as stored: name -> description. */
  contents(catalogUuid: string): Array<{ name: string; description: string; homepage: string | null }>;
  close(): Promise<void>;
}

export async function startSyncHarness(): Promise<SyncHarness> {
  const test = await startTestSandbox();
  // Short client backoff: fault tests retry a lot and must stay quick.
  const client = createWaldurClient({ url: test.url, token: test.token, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
  const { logger, lines } = captureLogger();
  return {
    test,
    client,
    deps: { client, logger },
    logLines: lines,
    async seedCatalog() {
      test.sandbox.state.addCatalog({ name: CATALOG.name, version: CATALOG.version, catalogType: CATALOG.type });
      const found = await client.findCatalog({ name: CATALOG.name, version: CATALOG.version, catalogType: CATALOG.type });
      if (!found) throw new Error('seeded catalog not found');
      return found;
    },
    contents(catalogUuid) {
      return test.sandbox.state
        .listPackages(catalogUuid)
        .map((p) => ({ name: p.name, description: p.description, homepage: p.homepage }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async close() {
      await client.close();
      await test.close();
    },
  };
}
