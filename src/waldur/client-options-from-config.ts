import type { WaldurConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import { DEFAULT_TIMEOUTS } from './default-timeouts.js';
import type { RequestObserver, WaldurClientOptions } from './types.js';

/**
 * The one place the Waldur client is configured from `waldur:`: URL, token, proxy, connections for
 * the configured concurrency, and `timeout` for each request. The whole-call deadline grows with a
 * long `timeout` (twice it, never below the default), so a timeout above the default deadline is
 * honoured rather than cut short.
 */
export function clientOptionsFromConfig(
  waldur: WaldurConfig,
  extra: { logger?: Logger | undefined; onRequest?: RequestObserver | undefined } = {},
): WaldurClientOptions {
  return {
    url: waldur.url,
    token: waldur.token,
    timeouts: {
      headersMs: waldur.timeoutMs,
      bodyMs: waldur.timeoutMs,
      deadlineMs: Math.max(DEFAULT_TIMEOUTS.deadlineMs, 2 * waldur.timeoutMs),
    },
    connections: waldur.concurrency + 2,
    proxy: waldur.proxy,
    ...(extra.logger ? { logger: extra.logger } : {}),
    ...(extra.onRequest ? { onRequest: extra.onRequest } : {}),
  };
}
