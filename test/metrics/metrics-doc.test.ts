import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { parseMetricsText } from './parse-metrics-text.js';

describe('docs/metrics.md', () => {
  it('when compared with what the daemon exports, then every metric is documented and no unknown one is', async () => {
    const doc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    const exported = Object.keys(parseMetricsText(await createMetrics().render()).types);

    const documented = [...new Set(doc.match(/`catalog_sync_[a-z_]+`/g)?.map((m) => m.slice(1, -1)) ?? [])];

    expect(exported.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !exported.includes(name))).toEqual([]);
  });
});
