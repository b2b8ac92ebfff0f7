// The source config every benchmark syncs: a manifest file into its own catalog.
import type { SourceConfig } from '../../src/config/types.js';
import { DEFAULT_FETCH, DEFAULT_PRUNE } from '../../src/config/config-defaults.js';

export const BENCH_CATALOG_VERSION = '2026.1';

export function benchSource(input: {
  name: string;
  location: string;
  catalog: string;
  kind?: SourceConfig['kind'];
  options?: Record<string, unknown>;
}): SourceConfig {
  return {
    name: input.name,
    kind: input.kind ?? 'manifest',
    location: input.location,
    options: input.options ?? {},
    catalog: { name: input.catalog, version: BENCH_CATALOG_VERSION, type: 'binary_runtime', create: true },
    schedule: null,
    timezone: null,
    prune: DEFAULT_PRUNE,
    protect: [],
    fetch: { ...DEFAULT_FETCH, maxBytes: 1024 * 2 ** 20 },
  };
}
