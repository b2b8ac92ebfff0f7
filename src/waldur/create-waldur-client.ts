// The Waldur software-catalog API client: an undici Pool (keep-alive, bounded connections) and the
// package and catalog operations, all through one requester that owns timeouts, errors and retries.
import { Pool } from 'undici';
import { createEgressAgent } from '../egress/create-egress-agent.js';
import { ConfigError, ValidationError } from '../errors.js';
import type { CatalogRef } from '../model.js';
import { buildQuery } from './build-query.js';
import type { Logger } from '../log/create-logger.js';
import { createRequester, type RawResponse, type Requester } from './create-requester.js';
import { iteratePages } from './iterate-pages.js';
import { readCatalog } from './read-catalog.js';
import { readPackage } from './read-package.js';
import { DEFAULT_RETRY_POLICY } from '../model/retry-policy.js';
import { DEFAULT_TIMEOUTS } from './default-timeouts.js';
import type { CatalogWrite, WaldurClient, WaldurClientOptions } from './types.js';

export const PAGE_SIZE = 300;
const PACKAGES = 'marketplace-software-packages/';
const CATALOGS = 'marketplace-software-catalogs/';

function parseApiUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('waldur.url is not a URL', { 'waldur.url': ['not a URL'] });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('waldur.url must be an http(s) URL', { 'waldur.url': ['must be http or https'] });
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url;
}

function parseBody(res: RawResponse, where: string): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new ValidationError(`Waldur ${where} answered ${res.status} with a body that is not JSON`, {});
  }
}

function catalogBody(body: Partial<CatalogWrite>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body.name !== undefined) out.name = body.name;
  if (body.version !== undefined) out.version = body.version;
  if (body.catalogType !== undefined) out.catalog_type = body.catalogType;
  if (body.description !== undefined) out.description = body.description;
  if (body.sourceUrl !== undefined) out.source_url = body.sourceUrl;
  return out;
}

/** Checked before use so that no HTTP library error about a malformed header can ever echo the value. */
function checkedToken(token: string): string {
  if (!token) throw new ConfigError('waldur.token is empty', { 'waldur.token': ['required'] });
  if (/[\s\x00-\x1f\x7f]/.test(token)) {
    throw new ConfigError('waldur.token contains whitespace or control characters', { 'waldur.token': ['invalid characters'] });
  }
  return token;
}

export function createWaldurClient(options: WaldurClientOptions): WaldurClient {
  const given = options.token;
  const read = typeof given === 'string' ? () => given : given;
  const token = (): string => checkedToken(read());
  token(); // a bad token fails here, before any request
  const api = parseApiUrl(options.url);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const dispatcher =
    options.dispatcher ??
    createEgressAgent(options.proxy, {
      connections: options.connections ?? 16,
      connectTimeoutMs: timeouts.connectMs,
      headersTimeoutMs: timeouts.headersMs,
      bodyTimeoutMs: timeouts.bodyMs,
      keepAliveTimeoutMs: 10_000,
      origin: api.origin,
    });
  // The requester sends paths, as to a Pool of the API's origin: every request goes there. A
  // dispatcher for any origin (the egress proxy's) is told which.
  const pool = dispatcher instanceof Pool ? dispatcher : (dispatcher.compose((dispatch) => (opts, handler) => dispatch({ ...opts, origin: api.origin }, handler)) as Pool);
  const requesterFor = (logger: Logger | undefined) =>
    createRequester({
      pool,
      token,
      userAgent: options.userAgent ?? 'waldur-catalog-sync',
      timeouts,
      retry,
      logger: logger?.child({ component: 'waldur' }),
      onRequest: options.onRequest,
      random: options.random ?? Math.random,
    });
  return buildClient(requesterFor(options.logger), {
    api,
    requesterFor,
    // A dispatcher of the caller's is the caller's to close.
    close: () => (options.dispatcher ? Promise.resolve() : dispatcher.close()),
  });
}

/** The client's operations over one requester; views made by withLogger share the pool. */
function buildClient(
  request: Requester,
  shared: { api: URL; requesterFor: (logger: Logger | undefined) => Requester; close: () => Promise<void> },
): WaldurClient {
  const { api } = shared;
  const base = api.pathname;
  const packagePath = (uuid: string): string => `${base}${PACKAGES}${encodeURIComponent(uuid)}/`;
  const catalogPath = (uuid: string): string => `${base}${CATALOGS}${encodeURIComponent(uuid)}/`;
  const send = async (method: string, path: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> =>
    parseBody(await request(method, path, { body, signal }), `${method} ${path}`);

  return {
    async *listPackages(filter, listOptions = {}) {
      const query = buildQuery({ ...filter, page_size: PAGE_SIZE });
      for await (const item of iteratePages(request, api, `${base}${PACKAGES}${query}`, listOptions)) {
        yield readPackage(item);
      }
    },
    async retrievePackage(uuid, opts = {}) {
      return readPackage(await send('GET', packagePath(uuid), undefined, opts.signal));
    },
    async createPackage(body, opts = {}) {
      return readPackage(await send('POST', `${base}${PACKAGES}`, body, opts.signal));
    },
    async updatePackage(uuid, body, opts = {}) {
      return readPackage(await send('PUT', packagePath(uuid), body, opts.signal));
    },
    async patchPackage(uuid, body, opts = {}) {
      return readPackage(await send('PATCH', packagePath(uuid), body, opts.signal));
    },
    async deletePackage(uuid, opts = {}) {
      await request('DELETE', packagePath(uuid), { signal: opts.signal });
    },

    async findCatalog(key, opts = {}) {
      // name (and version) are substring filters on the server: identity is decided here.
      const query = buildQuery({ name: key.name, version: key.version, page_size: PAGE_SIZE });
      let found: CatalogRef | null = null;
      for await (const item of iteratePages(request, api, `${base}${CATALOGS}${query}`, opts)) {
        const catalog = readCatalog(item);
        if (catalog.name === key.name && catalog.version === key.version && catalog.catalogType === key.catalogType) {
          found ??= catalog;
        }
      }
      return found;
    },
    async retrieveCatalog(uuid, opts = {}) {
      return readCatalog(await send('GET', catalogPath(uuid), undefined, opts.signal));
    },
    async createCatalog(body, opts = {}) {
      return readCatalog(await send('POST', `${base}${CATALOGS}`, catalogBody(body), opts.signal));
    },
    async patchCatalog(uuid, body, opts = {}) {
      return readCatalog(await send('PATCH', catalogPath(uuid), catalogBody(body), opts.signal));
    },
    withLogger(logger) {
      return buildClient(shared.requesterFor(logger), { ...shared, close: async () => undefined });
    },
    async close() {
      await shared.close();
    },
  };
}
