import { describe, expect, it } from 'vitest';
import { clientOptionsFromConfig } from '../../src/waldur/client-options-from-config.js';

const waldur = { url: 'https://waldur.example.org/api/', token: 'secret', timeoutMs: 30_000, concurrency: 8, rateLimitPerSecond: null, batchSize: 250 };

describe('clientOptionsFromConfig', () => {
  it('when waldur.timeout is above two minutes, then each request and the whole call may take that long (no hidden cap)', () => {
    const options = clientOptionsFromConfig({ ...waldur, timeoutMs: 300_000 });

    expect(options.timeouts).toMatchObject({ headersMs: 300_000, bodyMs: 300_000 });
    expect(options.timeouts!.deadlineMs!).toBeGreaterThanOrEqual(300_000);
  });

  it('when the config has a proxy and a concurrency, then the client gets the proxy and enough connections', () => {
    const proxy = { url: 'http://proxy.example.org:3128', noProxy: null };

    const options = clientOptionsFromConfig({ ...waldur, proxy });

    expect(options).toMatchObject({ url: waldur.url, token: 'secret', proxy, connections: 10, timeouts: { deadlineMs: 120_000 } });
  });
});
