// Upstream fetches and Waldur calls through a site's HTTP proxy: a real proxy on loopback (tests
// reach nothing else) records what it was asked and every byte it was sent.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FETCH } from '../../src/config/config-defaults.js';
import { createEgressAgent } from '../../src/egress/create-egress-agent.js';
import { fetchUrl } from '../../src/sources/fetch-url.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import { createTestCerts, type TestCerts } from '../support/create-test-certs.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';
import { startTestSandbox, type TestSandbox } from '../support/start-sandbox.js';
import { startUpstreamServer, type UpstreamServer } from '../sources/upstream-server.js';
import { manifestSourceYaml, startCliHarness, type CliHarness } from '../sync/cli-harness.js';

const BODY = 'manifest_version: 1\npackages: []\n';
const fetchText = async (url: string, extra: Parameters<typeof fetchUrl>[1] | object = {}) => {
  const result = await fetchUrl(url, { ...DEFAULT_FETCH, ...extra });
  return result.notModified ? null : result.body.toString('utf8');
};
const portOf = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;

let certs: TestCerts;
beforeAll(() => {
  certs = createTestCerts();
});
afterAll(() => certs.remove());

describe('upstream fetches through a proxy', () => {
  let upstream: UpstreamServer;
  let proxy: TestProxy;
  let other: TestProxy;
  beforeEach(async () => {
    upstream = await startUpstreamServer();
    upstream.route('/site.yaml', (_req, res) => res.writeHead(200, { 'content-type': 'text/yaml' }).end(BODY));
    proxy = await startTestProxy();
    other = await startTestProxy();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all([upstream.close(), proxy.close(), other.close()]);
  });

  it('when proxy.url is set, then an http URL is fetched through the proxy as a forwarded request', async () => {
    const url = `${upstream.url}/site.yaml`;

    const text = await fetchText(url, { proxy: { url: proxy.url, noProxy: null } });

    expect(text).toBe(BODY);
    expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['GET', url]]);
    expect(upstream.requests).toHaveLength(1);
  });

  it('when http_proxy and HTTP_PROXY are both set, then the lower-case one is used, as curl does', async () => {
    vi.stubEnv('HTTP_PROXY', other.url);
    vi.stubEnv('http_proxy', proxy.url);

    const text = await fetchText(`${upstream.url}/site.yaml`);

    expect(text).toBe(BODY);
    expect(proxy.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it('when only HTTP_PROXY (upper case) is set, then it is used', async () => {
    vi.stubEnv('HTTP_PROXY', proxy.url);

    await fetchText(`${upstream.url}/site.yaml`);

    expect(proxy.requests.map((r) => r.target)).toEqual([`${upstream.url}/site.yaml`]);
  });

  it('when NO_PROXY names localhost, then http://localhost goes direct and http://127.0.0.1 (the same server) through the proxy', async () => {
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', 'localhost,.example.org');
    const port = new URL(upstream.url).port;

    await fetchText(`http://localhost:${port}/site.yaml`);
    await fetchText(`http://127.0.0.1:${port}/site.yaml`);

    expect(proxy.requests.map((r) => r.target)).toEqual([`http://127.0.0.1:${port}/site.yaml`]);
    expect(upstream.requests).toHaveLength(2);
  });

  it('when proxy.no_proxy is set, then it replaces NO_PROXY, and "*" sends every request direct', async () => {
    vi.stubEnv('NO_PROXY', '127.0.0.1');
    const url = `${upstream.url}/site.yaml`;

    await fetchText(url, { proxy: { url: proxy.url, noProxy: [] } });
    await fetchText(url, { proxy: { url: proxy.url, noProxy: ['*'] } });
    await fetchText(url, { proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } });

    expect(proxy.requests).toHaveLength(1);
    expect(upstream.requests).toHaveLength(3);
  });

  it('when the proxy needs credentials, then those in proxy.url let the fetch through, and without them it fails naming the 407', async () => {
    const guarded = await startTestProxy({ credentials: { user: 'site', password: 'pr0xy-pass' } });
    try {
      const url = `${upstream.url}/site.yaml`;

      const text = await fetchText(url, { proxy: { url: guarded.urlWithCredentials, noProxy: null } });
      const refused = fetchText(url, { proxy: { url: guarded.url, noProxy: null } });

      expect(text).toBe(BODY);
      expect(guarded.requests[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('site:pr0xy-pass').toString('base64')}`);
      await expect(refused).rejects.toThrow(/407/);
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });

  it('when HTTPS_PROXY is set, then an https URL goes through a CONNECT tunnel: the proxy sees the host, never the request', async () => {
    const server: HttpsServer = createHttpsServer(
      { cert: readFileSync(certs.files.serverCert), key: readFileSync(certs.files.serverKey) },
      (_req, res) => res.writeHead(200).end(BODY),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      vi.stubEnv('HTTPS_PROXY', proxy.url);
      const url = `https://127.0.0.1:${portOf(server)}/private/site.yaml?key=s3cret-query`;

      const text = await fetchText(url, { dispatcher: createEgressAgent(undefined, { ca: certs.ca }) });

      expect(text).toBe(BODY);
      expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['CONNECT', `127.0.0.1:${portOf(server)}`]]);
      expect(proxy.received()).not.toContain('/private/site.yaml');
      expect(proxy.received()).not.toContain('s3cret-query');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('Waldur calls through a proxy', () => {
  let test: TestSandbox;
  let proxy: TestProxy;
  beforeEach(async () => {
    test = await startTestSandbox();
    proxy = await startTestProxy();
  });
  afterEach(async () => {
    await Promise.all([test.close(), proxy.close()]);
  });

  it('when Waldur is plain http, then every call is forwarded by the proxy, which necessarily sees the Authorization header', async () => {
    const client = createWaldurClient({ url: test.url, token: test.token, proxy: { url: proxy.url, noProxy: null } });
    try {
      await client.createCatalog({ name: 'Site', version: '1', catalogType: 'binary_runtime' });
      expect(await client.findCatalog({ name: 'Site', version: '1', catalogType: 'binary_runtime' })).not.toBeNull();
    } finally {
      await client.close();
    }

    expect(proxy.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(proxy.requests.every((r) => r.target.startsWith(test.url))).toBe(true);
    // Plain http shows its headers to every hop: this is why docs/deployment.md asks for https.
    expect(proxy.requests[0]!.headers.authorization).toBe(`Token ${test.token}`);
  });

  it('when Waldur is https, then the proxy sees only CONNECTs to its host and port, and never the token', async () => {
    const sandboxPort = new URL(test.url).port;
    const tls: TlsServer = createTlsServer({ cert: readFileSync(certs.files.serverCert), key: readFileSync(certs.files.serverKey) }, (socket) => {
      const plain = connect(Number(sandboxPort), '127.0.0.1');
      socket.pipe(plain).pipe(socket);
      socket.on('error', () => plain.destroy());
      plain.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const agent = createEgressAgent({ url: proxy.url, noProxy: null }, { ca: certs.ca, connections: 2 });
    const client = createWaldurClient({ url: `https://127.0.0.1:${portOf(tls)}/api/`, token: test.token, dispatcher: agent });
    try {
      await client.createCatalog({ name: 'Site', version: '1', catalogType: 'binary_runtime' });
      const found = await client.findCatalog({ name: 'Site', version: '1', catalogType: 'binary_runtime' });

      expect(found).not.toBeNull();
      expect(proxy.requests.length).toBeGreaterThan(0);
      for (const request of proxy.requests) {
        expect([request.method, request.target]).toEqual(['CONNECT', `127.0.0.1:${portOf(tls)}`]);
        expect(request.headers.authorization).toBeUndefined();
      }
      expect(proxy.received()).not.toContain(test.token);
      expect(proxy.received()).not.toContain('marketplace-software-catalogs');
    } finally {
      await client.close();
      await agent.close();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

describe('the proxy section of the config', () => {
  let h: CliHarness;
  let upstream: UpstreamServer;
  let proxy: TestProxy;
  beforeEach(async () => {
    h = await startCliHarness();
    upstream = await startUpstreamServer();
    upstream.route('/site.yaml', (_req, res) => res.writeHead(200).end('manifest_version: 1\npackages:\n  - name: GROMACS\n'));
    proxy = await startTestProxy();
  });
  afterEach(async () => {
    await Promise.all([h.close(), upstream.close(), proxy.close()]);
  });

  it('when proxy.url is set, then `plan` reads the upstream URL and calls Waldur through it', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', `${upstream.url}/site.yaml`), `proxy:\n  url: ${proxy.url}`);

    const result = await h.run(['plan', '--config', config]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 to create');
    const targets = proxy.requests.map((r) => r.target);
    expect(targets).toContain(`${upstream.url}/site.yaml`);
    expect(targets.some((t) => t.startsWith(`${h.test.url}marketplace-software-catalogs/`))).toBe(true);
  });

  it('when proxy.no_proxy lists the Waldur host, then only the upstream fetch goes through the proxy', async () => {
    // The same upstream server, named so that only Waldur's host (127.0.0.1) is in no_proxy.
    const upstreamUrl = `http://localhost:${new URL(upstream.url).port}/site.yaml`;
    const config = h.writeConfig(manifestSourceYaml('site', upstreamUrl), `proxy:\n  url: ${proxy.url}\n  no_proxy: 127.0.0.1`);

    const result = await h.run(['plan', '--config', config]);

    expect(result.code).toBe(0);
    expect(proxy.requests.map((r) => r.target)).toEqual([upstreamUrl]);
    expect(h.test.sandbox.stats.count('GET')).toBeGreaterThan(0);
  });
});
