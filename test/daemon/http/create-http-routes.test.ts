// The routes on the health server with fake data: what is served when, headers, and failures.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpRoutes } from '../../../src/daemon/http/create-http-routes.js';
import type { HttpDeps } from '../../../src/daemon/http/http-deps.js';
import { startHealthServer, type HealthServer } from '../../../src/daemon/start-health-server.js';
import { RedisUnavailable } from '../../../src/jobs/open-client-queues.js';
import type { StatusReport } from '../../../src/jobs/read-status.js';
import { createLogger } from '../../../src/log/create-logger.js';
import { API_TOKEN, call } from './http-harness.js';

const STATUS: StatusReport = {
  sources: [{ source: 'site', schedule: null, timezone: null, next_run: null, active: null, follow_up: null, last_success: null, pending_approval: null, runs: [] }],
  queues: { runs: { waiting: 0 }, ops: { waiting: 0 } },
  replicas: [],
};

describe('createHttpRoutes', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const serve = async (fields: Partial<HttpDeps> & { server: HttpDeps['server'] }) => {
    const deps: HttpDeps = {
      sources: [],
      logger: createLogger({ level: 'silent' }),
      readStatus: async () => STATUS,
      findRun: async () => null,
      requestRun: async () => 'job-1',
      approve: async () => null,
      reject: async () => null,
      ...fields,
    };
    server = await startHealthServer({ host: '127.0.0.1', port: 0, readiness: async () => ({ ready: true, checks: {} }), routes: createHttpRoutes(deps) });
    return server.url;
  };

  it('when the status page is on, then / is HTML with a strict CSP and no script, HEAD has no body, and the stylesheet is served', async () => {
    const url = await serve({ server: { apiToken: null, webhookSecret: null, ui: true } });

    const page = await call(url, '/', { token: null });
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    const css = await call(url, '/status.css', { token: null });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(page.text).toContain('<meta http-equiv="refresh" content="5">');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('when ui is false, then / and run pages are 404 and the probes still answer', async () => {
    const url = await serve({ server: { apiToken: API_TOKEN, webhookSecret: null, ui: false } });

    expect((await call(url, '/', { token: null })).status).toBe(404);
    expect((await call(url, '/sources/site/runs/r1', { token: null })).status).toBe(404);
    expect((await call(url, '/healthz', { token: null })).status).toBe(200);
    expect((await call(url, '/api/v1/sources')).status).toBe(200);
  });

  it('when Redis is unavailable, then the page says so with 503 and the API answers 503 with a detail', async () => {
    const down = async (): Promise<never> => {
      throw new RedisUnavailable('Redis is not connected; try again shortly');
    };
    const url = await serve({ server: { apiToken: API_TOKEN, webhookSecret: null, ui: true }, readStatus: down, requestRun: down });

    const page = await call(url, '/', { token: null });
    const api = await call(url, '/api/v1/sources');

    expect(page.status).toBe(503);
    expect(page.text).toContain('Redis is not connected');
    expect(api.status).toBe(503);
    expect(api.body).toEqual({ detail: 'Redis is not connected; try again shortly' });
    expect(api.headers.get('retry-after')).toBe('5');
  });

  it('when a handler fails unexpectedly, then the answer is a 500 without the error text', async () => {
    const url = await serve({
      server: { apiToken: API_TOKEN, webhookSecret: null, ui: true },
      readStatus: async () => {
        throw new Error('internal detail with a secret');
      },
    });

    const api = await call(url, '/api/v1/sources');

    expect(api.status).toBe(500);
    expect(api.text).not.toContain('secret');
  });
});
