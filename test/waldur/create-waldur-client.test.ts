import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Aborted, AuthError, ConfigError, NotFoundError, RateLimited, Transient, ValidationError } from '../../src/errors.js';
import type { ActualPackage } from '../../src/model.js';
import { createLogger } from '../../src/log/create-logger.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import type { StoredCatalog } from '../../src/sandbox/types.js';
import type { RequestObserver, WaldurClient, WaldurClientOptions } from '../../src/waldur/types.js';
import { startTestSandbox, useTestSandbox, type TestSandbox } from '../support/start-sandbox.js';

const PACKAGES = '/api/marketplace-software-packages/';
const PACKAGE = '/api/marketplace-software-packages/{uuid}/';

const shared = useTestSandbox();
let sb: TestSandbox;
let catalog: StoredCatalog;
const clients: WaldurClient[] = [];

/** A client on the sandbox with fast retries; closed after each test. */
function client(overrides: Partial<WaldurClientOptions> = {}): WaldurClient {
  const c = createWaldurClient({
    url: sb.url,
    token: sb.token,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

/** Deterministic fault dice: the given rolls, then "no fault" forever. */
function rolls(...values: number[]): () => number {
  const queue = [...values];
  return () => queue.shift() ?? 0.999;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

beforeEach(() => {
  sb = shared.current;
  catalog = sb.sandbox.state.addCatalog({ name: 'Site modules', version: '2026.1', catalogType: 'binary_runtime' });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('package operations', () => {
  it('when a package is created, retrieved, updated, patched and deleted, then each returns the model shape', async () => {
    const waldur = client();
    const catalogUrl = sb.sandbox.state.catalogUrl(catalog.uuid);

    const created = await waldur.createPackage({ catalog: catalogUrl, name: 'GROMACS', description: ' MD ', homepage: 'https://www.gromacs.org' });
    const retrieved = await waldur.retrievePackage(created.uuid);
    const updated = await waldur.updatePackage(created.uuid, { catalog: catalogUrl, name: 'GROMACS', description: 'new', homepage: null });
    const patched = await waldur.patchPackage(created.uuid, { homepage: 'https://gromacs.org' });
    await waldur.deletePackage(created.uuid);

    expect(created).toEqual<ActualPackage>({
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      url: `${sb.url}marketplace-software-packages/${created.uuid}/`,
      catalog: catalogUrl,
      name: 'GROMACS',
      description: 'MD',
      homepage: 'https://www.gromacs.org',
      isExtension: false,
      versions: [],
      modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(retrieved).toEqual(created);
    expect(updated).toMatchObject({ description: 'new', homepage: null });
    expect(patched).toMatchObject({ description: 'new', homepage: 'https://gromacs.org' });
    expect(sb.sandbox.state.getPackage(created.uuid)).toBeUndefined();
    expect(sb.sandbox.stats.count('PUT', PACKAGE)).toBe(1);
    expect(sb.sandbox.stats.count('PATCH', PACKAGE)).toBe(1);
  });

  it('when filters are given to list, then they reach the server and only matches come back', async () => {
    const other = sb.sandbox.state.addCatalog({ name: 'Other', version: '1' });
    sb.sandbox.state.addPackage(catalog.uuid, { name: 'GROMACS', isExtension: false });
    sb.sandbox.state.addPackage(catalog.uuid, { name: 'gromacs-plugin', isExtension: true });
    sb.sandbox.state.addPackage(other.uuid, { name: 'GROMACS' });

    const inCatalog = await collect(client().listPackages({ catalog_uuid: catalog.uuid, o: ['-name'] }));
    const extensions = await collect(client().listPackages({ catalog_uuid: catalog.uuid, is_extension: true }));
    const exact = await collect(client().listPackages({ name_exact: 'gromacs' }));

    expect(inCatalog.map((p) => p.name)).toEqual(['gromacs-plugin', 'GROMACS']);
    expect(extensions.map((p) => [p.name, p.isExtension])).toEqual([['gromacs-plugin', true]]);
    expect(exact).toHaveLength(2);
  });

  it('when a catalog holds 1,234 packages, then list follows rel="next" over 5 pages of 300 and yields each once', async () => {
    for (let i = 0; i < 1234; i += 1) sb.sandbox.state.addPackage(catalog.uuid, { name: `pkg-${i}` });
    const pages: Array<{ page: number; received: number; total: number | null }> = [];

    const listed = await collect(client().listPackages({ catalog_uuid: catalog.uuid }, { onPage: (p) => pages.push(p) }));

    expect(listed).toHaveLength(1234);
    expect(new Set(listed.map((p) => p.uuid)).size).toBe(1234);
    expect(sb.sandbox.stats.count('GET', PACKAGES)).toBe(5);
    expect(pages.map((p) => p.received)).toEqual([300, 600, 900, 1200, 1234]);
    expect(pages.every((p) => p.total === 1234)).toBe(true);
  });
});

describe('versions and targets', () => {
  it.each(['old', 'new'] as const)('when the server uses the %s schema, then module versions and targets read into the same shape', async (schema) => {
    const own = await startTestSandbox({ targetSchema: schema });
    try {
      const c = own.sandbox.state.addCatalog({ name: 'c', version: '1' });
      own.sandbox.state.addPackage(c.uuid, {
        name: 'GROMACS',
        versions: [
          {
            version: '2024.4',
            moduleVersion: '2024.4-foss-2023b',
            module: { full_module_name: 'GROMACS/2024.4-foss-2023b', module_name: 'GROMACS', module_version: '2024.4-foss-2023b' },
            releaseDate: '2024-01-02',
            targets: [
              { cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen2', path: '/cvmfs/x/amd/zen2' },
              { type: 'build_variant', cpuFamily: 'cuda', cpuMicroarchitecture: '', path: '' },
            ],
          },
        ],
      });
      const waldur = createWaldurClient({ url: own.url, token: own.token });
      clients.push(waldur);

      const [pkg] = await collect(waldur.listPackages({}));

      expect(pkg!.versions).toEqual([
        {
          version: '2024.4',
          moduleVersion: '2024.4-foss-2023b',
          releaseDate: '2024-01-02',
          targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen2', path: '/cvmfs/x/amd/zen2' }],
        },
      ]);
    } finally {
      await own.close();
    }
  });
});

describe('catalogs', () => {
  it('when several catalogs match the name as a substring, then findCatalog returns only the exact (name, version, type)', async () => {
    sb.sandbox.state.addCatalog({ name: 'Site modules extra', version: '2026.1', catalogType: 'binary_runtime' });
    sb.sandbox.state.addCatalog({ name: 'site modules', version: '2026.1', catalogType: 'binary_runtime' });
    sb.sandbox.state.addCatalog({ name: 'Site modules', version: '2026.1', catalogType: 'source_package' });
    sb.sandbox.state.addCatalog({ name: 'Site modules', version: '2026.10', catalogType: 'binary_runtime' });
    const waldur = client();

    const found = await waldur.findCatalog({ name: 'Site modules', version: '2026.1', catalogType: 'binary_runtime' });
    const missing = await waldur.findCatalog({ name: 'Site', version: '2026.1', catalogType: 'binary_runtime' });

    expect(found).toEqual({ uuid: catalog.uuid, url: sb.sandbox.state.catalogUrl(catalog.uuid), name: 'Site modules', version: '2026.1', catalogType: 'binary_runtime' });
    expect(missing).toBeNull();
  });

  it('when a catalog is created, retrieved and patched, then CatalogRefs come back', async () => {
    const waldur = client();
    const created = await waldur.createCatalog({ name: 'Mine', version: '1', catalogType: 'package_manager', description: 'd' });
    const patched = await waldur.patchCatalog(created.uuid, { version: '2' });
    const retrieved = await waldur.retrieveCatalog(created.uuid);
    expect(created).toMatchObject({ name: 'Mine', version: '1', catalogType: 'package_manager' });
    expect(patched.version).toBe('2');
    expect(retrieved).toEqual(patched);
    expect(sb.sandbox.state.getCatalog(created.uuid)?.description).toBe('d');
  });
});

describe('typed errors', () => {
  it('when a duplicate is created, then ValidationError with non_field_errors', async () => {
    sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    const err = await client().createPackage({ catalog: sb.sandbox.state.catalogUrl(catalog.uuid), name: 'zlib' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ non_field_errors: ['The fields catalog, name must make a unique set.'] });
  });

  it('when a field is invalid, then ValidationError names the field and its message', async () => {
    const err = await client().createPackage({ catalog: catalog.uuid, name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ catalog: ['Invalid hyperlink - No URL match.'] });
    expect((err as Error).message).toContain('catalog: Invalid hyperlink - No URL match.');
  });

  it('when the token is wrong, then AuthError 401; with the read-only token a write is AuthError 403', async () => {
    const wrong = await client({ token: 'not-the-token' }).retrieveCatalog(catalog.uuid).catch((e: unknown) => e);
    const readOnly = await client({ token: sb.readOnlyToken }).createCatalog({ name: 'x', version: '1', catalogType: 'binary_runtime' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect((wrong as AuthError).status).toBe(401);
    expect(readOnly).toBeInstanceOf(AuthError);
    expect((readOnly as AuthError).status).toBe(403);
  });

  it('when the package does not exist, then NotFoundError (not retried)', async () => {
    const err = await client().retrievePackage('0'.repeat(32)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(sb.sandbox.stats.count('GET', PACKAGE)).toBe(1);
  });

  it('when the server keeps answering 429, then RateLimited with the Retry-After delay after the allowed attempts', async () => {
    sb.sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 0 });
    const err = await client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).retrieveCatalog(catalog.uuid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).status).toBe(429);
    expect(sb.sandbox.stats.count('GET')).toBe(2);
  });

  it('when the server keeps answering 500, then Transient after the allowed attempts', async () => {
    sb.sandbox.setFaults({ errorRate: 1 });
    const err = await client().retrieveCatalog(catalog.uuid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Transient).status).toBe(500);
    expect((err as Error).message).toContain('Server Error (500)');
    expect(sb.sandbox.stats.count('GET')).toBe(3);
  });
});

describe('retry policy', () => {
  it('when a GET meets one 500, then it is retried and succeeds', async () => {
    sb.sandbox.setFaults({ errorRate: 0.5, random: rolls(0) });
    const got = await client().retrieveCatalog(catalog.uuid);
    expect(got.uuid).toBe(catalog.uuid);
    expect(sb.sandbox.stats.count('GET')).toBe(2);
  });

  it('when a 429 asks for 1 second, then the retry waits at least that long', async () => {
    sb.sandbox.setFaults({ rateLimitRate: 0.5, retryAfterSeconds: 1, random: rolls(0) });
    const started = performance.now();
    await client().retrieveCatalog(catalog.uuid);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sb.sandbox.stats.count('GET')).toBe(2);
  });

  it('when Retry-After is above the cap, then the wait is capped and, once the waits are spent, RateLimited reaches the caller', async () => {
    sb.sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 120 });
    const started = performance.now();
    const err = await client({ retry: { maxAttempts: 1, maxRetryAfterMs: 50, maxRateLimitWaits: 1 } })
      .retrieveCatalog(catalog.uuid)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(120_000);
    expect(sb.sandbox.stats.count('GET')).toBe(2);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('when POST or PATCH fails with 500, then it is not retried', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    sb.sandbox.setFaults({ errorRate: 1 });
    const waldur = client();
    const post = await waldur.createPackage({ catalog: sb.sandbox.state.catalogUrl(catalog.uuid), name: 'x' }).catch((e: unknown) => e);
    const patch = await waldur.patchPackage(pkg.uuid, { description: 'x' }).catch((e: unknown) => e);
    expect(post).toBeInstanceOf(Transient);
    expect(patch).toBeInstanceOf(Transient);
    expect(sb.sandbox.stats.count('POST')).toBe(1);
    expect(sb.sandbox.stats.count('PATCH')).toBe(1);
  });

  it('when a POST response is lost, then Transient is thrown once and the package exists (caller looks it up)', async () => {
    sb.sandbox.setFaults({ lostWriteRate: 1 });
    const err = await client().createPackage({ catalog: sb.sandbox.state.catalogUrl(catalog.uuid), name: 'lost' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(sb.sandbox.stats.count('POST')).toBe(1);
    expect(sb.sandbox.state.findPackage(catalog.uuid, 'lost')).toBeDefined();
  });

  it('when a PUT or DELETE response is lost, then it is sent once: the operation owns the attempts of writes', async () => {
    const pkg = sb.sandbox.state.addPackage(catalog.uuid, { name: 'zlib' });
    sb.sandbox.setFaults({ lostWriteRate: 1 });
    const waldur = client();
    const put = await waldur.updatePackage(pkg.uuid, { catalog: sb.sandbox.state.catalogUrl(catalog.uuid), name: 'zlib', description: 'd' }).catch((e: unknown) => e);
    const del = await waldur.deletePackage(pkg.uuid).catch((e: unknown) => e);
    expect(put).toBeInstanceOf(Transient);
    expect(del).toBeInstanceOf(Transient);
    expect(sb.sandbox.stats.count('PUT')).toBe(1);
    expect(sb.sandbox.stats.count('DELETE')).toBe(1);
    expect(sb.sandbox.state.getPackage(pkg.uuid)).toBeUndefined();
  });

  it('when a DELETE targets an unknown package on the first try, then NotFoundError', async () => {
    await expect(client().deletePackage('a'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when requests are made, then onRequest sees each attempt with a templated route and status', async () => {
    const seen: Parameters<RequestObserver>[0][] = [];
    sb.sandbox.setFaults({ errorRate: 0.5, random: rolls(0) });
    await client({ onRequest: (info) => seen.push(info) }).retrievePackage('b'.repeat(32)).catch(() => undefined);
    expect(seen.map((s) => [s.method, s.route, s.status])).toEqual([
      ['GET', PACKAGE, 500],
      ['GET', PACKAGE, 404],
    ]);
  });
});

describe('timeouts and cancellation', () => {
  it('when the server is slower than headersMs, then Transient "timed out"', async () => {
    // undici checks header/body timeouts on a ~1 s clock, so the latency must be well above that.
    sb.sandbox.setFaults({ latencyMs: 4_000 });
    const err = await client({ timeouts: { headersMs: 100 }, retry: { maxAttempts: 1 } })
      .retrieveCatalog(catalog.uuid)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Error).message).toContain('timed out waiting for response headers');
  });

  it('when the deadline passes, then Transient names the deadline and no more attempts are made', async () => {
    sb.sandbox.setFaults({ latencyMs: 1_500 });
    const err = await client({ timeouts: { deadlineMs: 200 }, retry: { maxAttempts: 5 } })
      .retrieveCatalog(catalog.uuid)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Error).message).toContain('200 ms deadline');
    expect(sb.sandbox.stats.count('GET')).toBe(1);
  });

  it('when the caller aborts, then Aborted', async () => {
    sb.sandbox.setFaults({ latencyMs: 1_500 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await client().retrieveCatalog(catalog.uuid, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Aborted);
  });

  it('when 16 calls in flight share one caller signal, then no listener-leak warning is raised and one abort cancels them all', async () => {
    // Arrange
    sb.sandbox.setFaults({ latencyMs: 1_500 });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const controller = new AbortController();
    const waldur = client({ connections: 16 });

    // Act
    const calls = Array.from({ length: 16 }, () => waldur.retrieveCatalog(catalog.uuid, { signal: controller.signal }).catch((e: unknown) => e));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const errors = await Promise.all(calls);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    // Assert
    expect(errors.every((e) => e instanceof Aborted)).toBe(true);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});

describe('secrets', () => {
  it('when requests fail, retry and succeed, then the token is in no log line and no error message', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    const waldur = client({ logger });
    const catalogUrl = sb.sandbox.state.catalogUrl(catalog.uuid);
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>): Promise<void> => {
      await fn().catch((e: unknown) => errors.push(e));
    };

    sb.sandbox.setFaults({ errorRate: 1 });
    await attempt(() => waldur.retrieveCatalog(catalog.uuid));
    sb.sandbox.setFaults({ errorRate: 0, rateLimitRate: 0.5, retryAfterSeconds: 0, random: rolls(0) });
    await attempt(() => collect(waldur.listPackages({ catalog_uuid: catalog.uuid })));
    sb.sandbox.setFaults({ rateLimitRate: 0, latencyMs: 1_000 });
    await attempt(() => client({ logger, timeouts: { deadlineMs: 100 } }).retrieveCatalog(catalog.uuid));
    sb.sandbox.setFaults({ latencyMs: 0 });
    await attempt(() => waldur.createPackage({ catalog: catalogUrl, name: '' }));
    await attempt(() => waldur.retrievePackage('c'.repeat(32)));
    await attempt(() => client({ token: sb.readOnlyToken, logger }).createPackage({ catalog: catalogUrl, name: 'x' }));

    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(sb.token);
    for (const err of errors) {
      const text = `${String(err)} ${JSON.stringify(err)} ${String((err as Error).cause ?? '')} ${(err as Error).stack}`;
      expect(text).not.toContain(sb.token);
      expect(text).not.toContain(sb.readOnlyToken);
      expect(text.toLowerCase()).not.toContain('authorization');
    }
  });
});

describe('options', () => {
  it('when the token has a line break or the URL is not http(s), then ConfigError that does not echo the token', () => {
    const badToken = () => createWaldurClient({ url: 'http://127.0.0.1:1/api/', token: 'secret-value\nX-Evil: 1' });
    const badUrl = () => createWaldurClient({ url: 'ftp://w.example.org/api/', token: 't0ken' });
    expect(badToken).toThrow(ConfigError);
    expect(badToken).not.toThrow(/secret-value/);
    expect(badUrl).toThrow(/http\(s\)/);
  });
});

describe('withLogger', () => {
  it('when a view logs through a run logger, then its request lines carry the bindings and closing the view keeps the client open', async () => {
    // Arrange
    const own = await startTestSandbox();
    const base = createWaldurClient({ url: own.url, token: own.token });
    const lines: string[] = [];
    const runLogger = createLogger({
      level: 'debug',
      format: 'json',
      destination: new Writable({ write: (chunk, _e, done) => { lines.push(String(chunk)); done(); } }),
      base: { source: 'site', run: 'site-1' },
    });
    try {
      // Act
      const view = base.withLogger(runLogger);
      expect(await view.findCatalog({ name: 'x', version: '1', catalogType: 'binary_runtime' })).toBeNull();
      await view.close();

      // Assert
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logged).toEqual([expect.objectContaining({ msg: 'Waldur request', source: 'site', run: 'site-1', component: 'waldur', method: 'GET' })]);
      expect(await base.findCatalog({ name: 'x', version: '1', catalogType: 'binary_runtime' })).toBeNull();
    } finally {
      await base.close();
      await own.close();
    }
  });
});
