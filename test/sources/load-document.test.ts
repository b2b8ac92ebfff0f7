import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.js';
import { Aborted, SourceError } from '../../src/errors.js';
import type { SyncMetrics } from '../../src/metrics/types.js';
import { createUpstreamCache } from '../../src/sources/create-upstream-cache.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig } from './source-fixtures.js';
import { startUpstreamServer, type UpstreamServer } from './upstream-server.js';

let server: UpstreamServer;
let eessiJson: Buffer;

beforeEach(async () => {
  server = await startUpstreamServer();
  eessiJson = await readFile(fixture('eessi/software-objects.json'));
});

afterEach(async () => {
  await server.close();
});

function eessiSource(path: string, fetch: Partial<SourceConfig['fetch']> = {}, eessiVersion = '2023.06'): SourceConfig {
  return sourceConfig({
    name: 'remote',
    kind: 'eessi',
    location: `${server.url}${path}`,
    options: { eessi_version: eessiVersion },
    fetch: { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5, ...fetch },
  });
}

async function failure(source: SourceConfig, deps: Partial<Parameters<typeof readSource>[1]> = {}): Promise<Error> {
  const error = await readSource(source, { logger: captureLogger().logger, ...deps }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

function recordingMetrics(): { metrics: SyncMetrics; fetches: unknown[] } {
  const fetches: unknown[] = [];
  const ignore = () => undefined;
  return {
    fetches,
    metrics: {
      observeFetch: (source, info) => void fetches.push({ source, ...info }),
      observeRequest: ignore,
      observePlan: ignore,
      observeOperation: ignore,
      observeRun: ignore,
      observeQueue: ignore,
    },
  };
}

describe('readSource over http(s)', () => {
  it('when the URL answers 304 to the remembered ETag, then the second run costs one request and no parsing', async () => {
    server.route('/eessi.json', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end(eessiJson);
    });
    const cache = createUpstreamCache();
    const { metrics, fetches } = recordingMetrics();
    const source = eessiSource('/eessi.json');
    const first = await readSource(source, { logger: captureLogger().logger, cache, metrics });

    const second = await readSource(source, { logger: captureLogger().logger, cache, metrics });

    expect(second.packages).toEqual(first.packages);
    expect(second.fetch).toEqual({ bytes: 0, notModified: true });
    expect(cache.stats).toEqual({ parsed: 1, notModified: 1 });
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(fetches).toEqual([
      { source: 'remote', bytes: eessiJson.length, notModified: false },
      { source: 'remote', bytes: 0, notModified: true },
    ]);
  });

  it('when upstream sends only Last-Modified, then the next request is conditional on it', async () => {
    const stamp = 'Mon, 05 Jan 2026 02:00:00 GMT';
    server.route('/eessi.json', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end();
      else res.writeHead(200, { 'last-modified': stamp }).end(eessiJson);
    });
    const cache = createUpstreamCache();
    await readSource(eessiSource('/eessi.json'), { logger: captureLogger().logger, cache });

    const second = await readSource(eessiSource('/eessi.json'), { logger: captureLogger().logger, cache });

    expect(second.fetch?.notModified).toBe(true);
    expect(cache.stats.parsed).toBe(1);
  });

  it('when two sources read one URL with different options, then each gets its own parse', async () => {
    server.route('/eessi.json', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"' }).end(eessiJson);
    });
    const cache = createUpstreamCache();
    await readSource(eessiSource('/eessi.json'), { logger: captureLogger().logger, cache });

    const newer = await readSource(eessiSource('/eessi.json', {}, '2025.06'), { logger: captureLogger().logger, cache });

    expect(newer.packages.map((p) => p.name)).toEqual(['AlphaSolver', 'GammaNew']);
    expect(cache.stats).toEqual({ parsed: 2, notModified: 0 });
  });

  it('when the response is gzip-encoded, then it is asked for and decompressed', async () => {
    server.route('/eessi.json', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(eessiJson)));

    const catalog = await readSource(eessiSource('/eessi.json'), { logger: captureLogger().logger });

    expect(catalog.packages).toHaveLength(4);
    expect(server.requests[0]!.headers['accept-encoding']).toBe('gzip');
  });

  it('when a .gz file is served as plain bytes, then it is recognized and decompressed', async () => {
    server.route('/eessi.json.gz', (_req, res) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(eessiJson)));

    const catalog = await readSource(eessiSource('/eessi.json.gz'), { logger: captureLogger().logger });

    expect(catalog.packages).toHaveLength(4);
  });

  it('when a local file is gzip-compressed, then it is decompressed too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'upstream-'));
    try {
      const location = join(dir, 'eessi.json.gz');
      await writeFile(location, gzipSync(eessiJson));
      const source = sourceConfig({ kind: 'eessi', location, options: { eessi_version: '2023.06' } });

      const catalog = await readSource(source, { logger: captureLogger().logger });

      expect(catalog.packages).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a body without Content-Length passes the cap, then reading stops with a size error', async () => {
    server.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });

    const error = await failure(eessiSource('/endless', { maxBytes: 64 * 1024 }));

    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(`source remote: ${server.url}/endless: response body is larger than the 64 KiB limit (fetch.max_bytes)`);
  });

  it('when Content-Length is over the cap, then the body is refused', async () => {
    server.route('/big', (_req, res) => res.writeHead(200, { 'content-length': String(eessiJson.length) }).end(eessiJson));

    const error = await failure(eessiSource('/big', { maxBytes: 1024 }));

    expect(error.message).toContain('response body is larger than the 1 KiB limit');
  });

  it('when a small gzip body inflates past the cap (a gzip bomb), then decompression stops with a size error', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));

    const error = await failure(eessiSource('/bomb', { maxBytes: 1024 * 1024 }));

    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(error.message).toContain('decompressed content is larger than the 1 MiB limit');
  });

  it('when the Content-Encoding is unsupported, then the error says so and the connection is let go at once', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    server.route('/brotli', (req, res) => {
      req.socket.once('close', () => closed());
      // Headers and a first chunk, then nothing: only the client can end this exchange.
      res.writeHead(200, { 'content-encoding': 'br' });
      res.write(Buffer.alloc(1024, 0x20));
    });

    const error = await failure(eessiSource('/brotli'));
    const released = await Promise.race([connectionClosed.then(() => true), new Promise((r) => setTimeout(() => r(false), 2_000))]);

    expect(error.message).toBe(`source remote: ${server.url}/brotli: unsupported Content-Encoding "br"`);
    expect(released).toBe(true);
  });

  it('when the cached copy kept no validators and the server still answers 304, then a clear error, not an empty document', async () => {
    let call = 0;
    server.route('/eessi.json', (_req, res) => {
      call += 1;
      if (call === 1) res.writeHead(200, { etag: '"v1"' }).end(eessiJson);
      else if (call === 2) res.writeHead(200).end(eessiJson);
      else res.writeHead(304).end();
    });
    const cache = createUpstreamCache();
    const source = eessiSource('/eessi.json');
    await readSource(source, { logger: captureLogger().logger, cache });
    await readSource(source, { logger: captureLogger().logger, cache });

    const error = await failure(source, { cache });

    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"', undefined]);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(`source remote: ${server.url}/eessi.json: HTTP 304 Not Modified to an unconditional request`);
  });

  it('when the server never answers, then the fetch fails with a timeout error', async () => {
    server.route('/hang', () => undefined);

    const error = await failure(eessiSource('/hang', { timeoutMs: 300 }));

    expect(error.message).toBe(`source remote: ${server.url}/hang: timed out after 300 ms (fetch.timeout)`);
  });

  it('when redirected (relative Location), then the redirect is followed', async () => {
    server.route('/old', (_req, res) => res.writeHead(301, { location: '/new' }).end());
    server.route('/new', (_req, res) => res.writeHead(302, { location: `${server.url}/eessi.json` }).end());
    server.route('/eessi.json', (_req, res) => res.writeHead(200).end(eessiJson));

    const catalog = await readSource(eessiSource('/old'), { logger: captureLogger().logger });

    expect(catalog.packages).toHaveLength(4);
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/new', '/eessi.json']);
  });

  it('when redirects exceed max_redirects, then the error says so', async () => {
    server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());

    const error = await failure(eessiSource('/loop', { maxRedirects: 3 }));

    expect(error.message).toBe(`source remote: ${server.url}/loop: more than 3 redirects (fetch.max_redirects)`);
    expect(server.requests).toHaveLength(4);
  });

  it('when the server answers 404, then the error names source, location and status', async () => {
    const error = await failure(eessiSource('/missing.json'));

    expect(error).toMatchObject({ source: 'remote', location: `${server.url}/missing.json` });
    expect(error.message).toBe(`source remote: ${server.url}/missing.json: HTTP 404`);
  });

  it('when the URL carries credentials, then neither the error nor the logs contain them', async () => {
    const source = eessiSource('/missing.json');
    source.location = String(source.location).replace('http://', 'http://reader:s3cr3t-pass@') + '?token=s3cr3t-token&v=1';
    const { logger, lines } = captureLogger();

    const error = await failure(source, { logger });

    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('***');
    expect(`${error.message}${JSON.stringify(error)}${lines.join('')}`).not.toMatch(/s3cr3t/);
  });

  it('when nothing listens on the port, then the error says the request failed', async () => {
    const source = eessiSource('/eessi.json');
    await server.close();

    const error = await failure(source);

    expect(error.message).toMatch(/: request failed: .*ECONNREFUSED/);
  });

  it('when the body is not UTF-8, then it is refused as not text', async () => {
    server.route('/binary', (_req, res) => res.writeHead(200).end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));

    const error = await failure(eessiSource('/binary'));

    expect(error.message).toContain(': content is not UTF-8 text');
  });

  it('when the run is cancelled, then the read ends with Aborted, not a source error', async () => {
    server.route('/hang', () => undefined);
    const controller = new AbortController();
    const pending = readSource(eessiSource('/hang'), { logger: captureLogger().logger, signal: controller.signal });

    controller.abort();

    await expect(pending).rejects.toBeInstanceOf(Aborted);
  });

  it('when the location has another scheme, then it is refused', async () => {
    const source = sourceConfig({ kind: 'manifest', location: 'ftp://files.example.org/site.yaml' });

    const error = await failure(source);

    expect(error.message).toBe('source test-source: ftp://files.example.org/site.yaml: unsupported location scheme (use a local path or an http(s) URL)');
  });

  it('when a local file does not exist, then the error names it', async () => {
    const location = fixture('nope/missing.yaml');

    const error = await failure(sourceConfig({ kind: 'manifest', location }));

    expect(error.message).toBe(`source test-source: ${location}: file not found`);
  });
});
