// The one way out to HTTP servers (upstream locations and Waldur): through the configured proxy,
// else the one HTTPS_PROXY / HTTP_PROXY / NO_PROXY name (either case, lower case first, as
// curl reads them), else directly.
import { Agent, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import type { ProxyConfig } from '../config/types.js';

export interface EgressAgentOptions {
  /** Connections per origin (default: unlimited). */
  connections?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Certificate authorities (PEM) trusted for https origins instead of the system's. */
  ca?: string;
  /** Every request goes to this origin: without a proxy, a Pool of it (no per-request routing). */
  origin?: string;
}

/**
 * An undici dispatcher for any origin. http:// URLs go to the proxy as absolute-URI requests
 * (what curl does, and what proxies allow by default), https:// URLs through a CONNECT tunnel,
 * so the proxy sees only the host name of an https request, never its headers.
 */
export function createEgressAgent(proxy: ProxyConfig | undefined, options: EgressAgentOptions = {}): Dispatcher {
  const tls = {
    ...(options.connectTimeoutMs !== undefined ? { timeout: options.connectTimeoutMs } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
  };
  const direct = {
    ...(options.connections !== undefined ? { connections: options.connections } : {}),
    ...(options.headersTimeoutMs !== undefined ? { headersTimeout: options.headersTimeoutMs } : {}),
    ...(options.bodyTimeoutMs !== undefined ? { bodyTimeout: options.bodyTimeoutMs } : {}),
    ...(options.keepAliveTimeoutMs !== undefined ? { keepAliveTimeout: options.keepAliveTimeoutMs } : {}),
    connect: tls,
  };
  // No proxy anywhere: a plain agent. EnvHttpProxyAgent would route every request through the
  // same direct agent anyway, after parsing its origin and re-reading NO_PROXY each time.
  if (!proxy?.url && !environmentNamesProxy()) return options.origin ? new Pool(options.origin, direct) : new Agent(direct);
  return new EnvHttpProxyAgent({
    ...direct,
    // undefined: the environment decides.
    ...(proxy?.url ? { httpProxy: proxy.url, httpsProxy: proxy.url } : {}),
    ...(proxy?.noProxy ? { noProxy: proxy.noProxy.join(',') } : {}),
    proxyTunnel: false,
    // Direct connections use `connect`; through a proxy, `proxyTls` reaches the proxy and
    // `requestTls` the origin inside the tunnel.
    requestTls: tls,
    ...(options.connectTimeoutMs !== undefined ? { proxyTls: { timeout: options.connectTimeoutMs } } : {}),
  });
}

/** The environment variables that name a proxy, lower case first within each scheme, as EnvHttpProxyAgent reads them. */
export const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'] as const;

/** Whether any proxy variable is set; EnvHttpProxyAgent then decides which one applies. */
function environmentNamesProxy(): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(process.env[name]));
}
