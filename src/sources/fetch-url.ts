import { request, type Dispatcher } from 'undici';
import type { ProxyConfig } from '../config/types.js';
import { createEgressAgent, PROXY_VARIABLES } from '../egress/create-egress-agent.js';
import { Aborted } from '../errors.js';
import { readCapped } from './read-capped.js';
import { tooLarge, UpstreamProblem } from './upstream-problem.js';

export interface FetchUrlOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Validators of the copy we hold: the request becomes conditional. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /** Egress proxy; absent = from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  proxy?: ProxyConfig | undefined;
  /** Send through this dispatcher instead (the proxy setting is then unused). */
  dispatcher?: Dispatcher;
}

export type FetchUrlResult =
  | { notModified: true }
  | { notModified: false; body: Buffer; gzip: boolean; etag: string | null; lastModified: string | null };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'waldur-catalog-sync';

type Headers = Record<string, string | string[] | undefined>;

// One agent per proxy setting and proxy environment, for the life of the process: fetches share
// keep-alive connections, and a changed environment gets an agent that reads it.
const agents = new Map<string, Dispatcher>();

function egressAgent(proxy: ProxyConfig | undefined): Dispatcher {
  const key = JSON.stringify([proxy ?? null, PROXY_VARIABLES.map((name) => process.env[name] ?? null)]);
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = createEgressAgent(proxy)));
  return agent;
}

function header(headers: Headers, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function requestHeaders(options: FetchUrlOptions): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip', 'user-agent': USER_AGENT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

function isGzipEncoding(encoding: string | null): boolean {
  const value = (encoding ?? 'identity').trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return true;
  if (value === 'identity' || value === '') return false;
  throw new UpstreamProblem(`unsupported Content-Encoding ${JSON.stringify(value)}`);
}

// Redirects are followed here rather than by an interceptor, so the limit gives a clear error
// and every hop shares one deadline.
async function follow(url: string, options: FetchUrlOptions, signal: AbortSignal): Promise<FetchUrlResult> {
  let current = url;
  const dispatcher = options.dispatcher ?? egressAgent(options.proxy);
  for (let hops = 0; ; hops += 1) {
    const res = await request(current, { method: 'GET', headers: requestHeaders(options), signal, dispatcher });
    const status = res.statusCode;
    if (REDIRECTS.has(status)) {
      await res.body.dump();
      const location = header(res.headers, 'location');
      if (!location) throw new UpstreamProblem(`HTTP ${status} redirect without a Location header`);
      if (hops >= options.maxRedirects) throw new UpstreamProblem(`more than ${options.maxRedirects} redirects (fetch.max_redirects)`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new UpstreamProblem(`redirected to an unsupported scheme ${next.protocol}`);
      }
      current = next.toString();
      continue;
    }
    if (status === 304) {
      await res.body.dump();
      return { notModified: true };
    }
    if (status < 200 || status >= 300) {
      await res.body.dump();
      throw new UpstreamProblem(`HTTP ${status}`);
    }
    let gzip: boolean;
    try {
      const length = Number(header(res.headers, 'content-length') ?? Number.NaN);
      if (length > options.maxBytes) throw tooLarge('response body', options.maxBytes);
      gzip = isGzipEncoding(header(res.headers, 'content-encoding'));
    } catch (err) {
      // A body left unread would hold its connection until the body timeout: let it go now.
      // undici reports a destroy without a reason as an 'error' event: expected here, not a crash.
      res.body.once('error', () => undefined).destroy();
      throw err;
    }
    const body = await readCapped(res.body, options.maxBytes, 'response body');
    return { notModified: false, body, gzip, etag: header(res.headers, 'etag'), lastModified: header(res.headers, 'last-modified') };
  }
}

function describeNetworkError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** GET of an upstream URL with a size cap, a deadline for the whole exchange and a redirect limit. */
export async function fetchUrl(url: string, options: FetchUrlOptions): Promise<FetchUrlResult> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    return await follow(url, options, signal);
  } catch (err) {
    if (options.signal?.aborted) throw new Aborted('upstream fetch cancelled', { cause: err });
    if (deadline.aborted) throw new UpstreamProblem(`timed out after ${options.timeoutMs} ms (fetch.timeout)`, { cause: err });
    if (err instanceof UpstreamProblem) throw err;
    throw new UpstreamProblem(`request failed: ${describeNetworkError(err)}`, { cause: err });
  }
}
