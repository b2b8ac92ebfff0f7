// The contract of the Waldur API client. Only src/waldur/ speaks HTTP to Waldur; every other
// layer depends on this interface.
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { ProxyConfig } from '../config/types.js';
import type { ActualPackage, CatalogRef, CatalogType } from '../model.js';
import type { RetryPolicy } from '../model/retry-policy.js';

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Query filters of GET /api/marketplace-software-packages/ (the seed's list). */
export interface PackageListFilter {
  catalog_uuid?: string;
  catalog_name?: string;
  catalog_version?: string;
  cpu_family?: string;
  cpu_microarchitecture?: string;
  description?: string;
  extension_name?: string;
  extension_type?: string;
  has_version?: string;
  is_extension?: boolean;
  /** Case-insensitive substring: never use it to decide identity. */
  name?: string;
  /** Case-insensitive exact match. */
  name_exact?: string;
  o?: string | string[];
  offering_uuid?: string;
  query?: string;
}

export interface ListOptions extends RequestOptions {
  /** Called after each page with the running count and the server's X-Result-Count. */
  onPage?: (info: { page: number; received: number; total: number | null }) => void;
}

/** Writable package fields (POST/PUT body; PATCH takes a subset). */
export interface PackageWrite {
  catalog: string;
  name: string;
  description?: string;
  homepage?: string | null;
  is_extension?: boolean;
}

export interface CatalogKey {
  name: string;
  version: string;
  catalogType: CatalogType;
}

export interface CatalogWrite extends CatalogKey {
  description?: string;
  sourceUrl?: string;
}

export interface WaldurClient {
  /** Every package matching the filter, across all pages (page_size=300, follows rel="next"). */
  listPackages(filter: PackageListFilter, options?: ListOptions): AsyncIterable<ActualPackage>;
  retrievePackage(uuid: string, options?: RequestOptions): Promise<ActualPackage>;
  /** POST. Writes are never retried by the client: the operation decides (idempotency, attempts). */
  createPackage(body: PackageWrite, options?: RequestOptions): Promise<ActualPackage>;
  /** PUT. Sent once. */
  updatePackage(uuid: string, body: PackageWrite, options?: RequestOptions): Promise<ActualPackage>;
  /** PATCH. Sent once. */
  patchPackage(uuid: string, body: Partial<PackageWrite>, options?: RequestOptions): Promise<ActualPackage>;
  /** DELETE. Sent once. */
  deletePackage(uuid: string, options?: RequestOptions): Promise<void>;

  /** Exact (name, version, catalog_type) match; the API's name filter is only a substring filter. */
  findCatalog(key: CatalogKey, options?: RequestOptions): Promise<CatalogRef | null>;
  retrieveCatalog(uuid: string, options?: RequestOptions): Promise<CatalogRef>;
  createCatalog(body: CatalogWrite, options?: RequestOptions): Promise<CatalogRef>;
  patchCatalog(uuid: string, body: Partial<CatalogWrite>, options?: RequestOptions): Promise<CatalogRef>;

  /**
   * The same client (same connections) logging through `logger`, so request lines of a run carry
   * its `source` and `run`. Closing the view does nothing: close the client it came from.
   */
  withLogger(logger: Logger): WaldurClient;

  close(): Promise<void>;
}

/** Observability hook: called once per HTTP request (after retries are counted separately). */
export type RequestObserver = (info: {
  method: string;
  /** Path without query string, e.g. /api/marketplace-software-packages/ */
  route: string;
  status: number | null;
  durationMs: number;
}) => void;

/** Timeouts of one client call; every value in milliseconds. */
export interface WaldurTimeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** From request sent to response headers received. */
  headersMs: number;
  /** Longest silence while the body is arriving. */
  bodyMs: number;
  /** Whole call, retries and their waits included (a list: each page). */
  deadlineMs: number;
}

export interface WaldurClientOptions {
  /** API root, ending in /api/ (e.g. https://waldur.example.com/api/). */
  url: string;
  /** The token, or a function returning the current one (the daemon reloads it on SIGHUP). */
  token: string | (() => string);
  timeouts?: Partial<WaldurTimeouts>;
  /** Keep-alive connections to the server (default 16). */
  connections?: number;
  /** Retries of reads (writes are sent once; the operation retries them). Default DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  /** pino logger; retries are logged at warn, requests at debug. Never given the token. */
  logger?: Logger;
  onRequest?: RequestObserver;
  userAgent?: string;
  /** Random source for backoff jitter (tests). */
  random?: () => number;
  /**
   * Egress proxy; absent = from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). With a plain
   * http:// Waldur URL the proxy sees the Authorization header: use https, or list Waldur in no_proxy.
   */
  proxy?: ProxyConfig | undefined;
  /** Send through this dispatcher instead of an own agent (not closed by close()); `connections` and `proxy` are then unused. */
  dispatcher?: Dispatcher;
}
