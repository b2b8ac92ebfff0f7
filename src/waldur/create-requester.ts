// One HTTP call to Waldur with the client's policy: timeouts, a deadline, typed errors, and
// retries of reads (GET/HEAD) under the project's one retry policy. Writes are sent once: the
// operation that sends them owns their attempts (see src/sync/apply-with-retries.ts), so a write
// reaches Waldur at most maxAttempts times in total.
import type { Logger } from 'pino';
import type { Pool } from 'undici';
import { Aborted, RateLimited, type CatalogSyncError } from '../errors.js';
import type { RetryPolicy } from '../model/retry-policy.js';
import { sleep } from '../sleep.js';
import { classifyError } from './classify-error.js';
import { computeBackoff } from './compute-backoff.js';
import { errorFromFailure } from './error-from-failure.js';
import { errorFromResponse } from './error-from-response.js';
import type { RequestObserver, WaldurTimeouts } from './types.js';

const RETRIED_METHODS = new Set(['GET', 'HEAD']);
const UUID_SEGMENT = /\/[0-9a-fA-F]{32}\/|\/[0-9a-fA-F-]{36}\//g;

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export type Requester = (method: string, path: string, options?: CallOptions) => Promise<RawResponse>;

export interface RequesterDeps {
  pool: Pool;
  /** The current token, read for each request (so a reloaded token applies to the next one). */
  token: () => string;
  userAgent: string;
  timeouts: WaldurTimeouts;
  retry: RetryPolicy;
  logger?: Logger | undefined;
  onRequest?: RequestObserver | undefined;
  random: () => number;
}

/** Route for metrics and messages: path without query, ids replaced by {uuid}. */
export function routeOf(path: string): string {
  return path.split('?', 1)[0]!.replace(UUID_SEGMENT, '/{uuid}/');
}

export function createRequester(deps: RequesterDeps): Requester {
  const { pool, timeouts, retry } = deps;
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = {
      authorization: `Token ${deps.token()}`,
      accept: 'application/json',
      'user-agent': deps.userAgent,
    };
    const route = routeOf(path);
    const where = `${method} ${path.split('?', 1)[0]}`;
    if (options.signal?.aborted) throw new Aborted(`Waldur ${where}: cancelled`);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const retried = RETRIED_METHODS.has(method);
    const deadline = startDeadline(timeouts.deadlineMs, options.signal);
    const { signal } = deadline;
    try {
      let failures = 0;
      let rateLimitWaits = 0;
      for (let attempt = 1; ; attempt += 1) {
        const started = performance.now();
        let response: RawResponse | null = null;
        let failure: unknown = null;
        try {
          const res = await pool.request({
            method: method as 'GET',
            path,
            headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            body: payload ?? null,
            signal,
            headersTimeout: timeouts.headersMs,
            bodyTimeout: timeouts.bodyMs,
          });
          response = { status: res.statusCode, headers: res.headers, text: '' };
          response.text = await res.body.text();
        } catch (err) {
          failure = err;
        }
        const durationMs = performance.now() - started;
        deps.onRequest?.({ method, route, status: response?.status ?? null, durationMs });
        deps.logger?.debug({ method, route, status: response?.status ?? null, duration_ms: Math.round(durationMs), attempt }, 'Waldur request');

        let error: CatalogSyncError;
        if (failure !== null || response === null) {
          error = errorFromFailure(failure, where, { caller: options.signal, deadlineExpired: deadline.expired(), deadlineMs: timeouts.deadlineMs });
        } else if (response.status >= 200 && response.status < 300) {
          return response;
        } else {
          error = errorFromResponse(response.status, response.headers, response.text, where);
        }

        const kind = classifyError(error);
        // A 429 with Retry-After is a wait, not an attempt (nothing was served); without one it is
        // retried like any transient failure.
        const waits = kind === 'rate-limited' && error instanceof RateLimited && error.retryAfterMs > 0 && rateLimitWaits < retry.maxRateLimitWaits;
        if (!retried || (kind !== 'transient' && kind !== 'rate-limited')) throw error;
        if (!waits && failures + 1 >= retry.maxAttempts) throw error;
        let delayMs: number;
        if (waits) {
          rateLimitWaits += 1;
          delayMs = Math.min((error as RateLimited).retryAfterMs, retry.maxRetryAfterMs);
        } else {
          failures += 1;
          delayMs = computeBackoff(failures, retry, deps.random);
        }
        deps.logger?.warn({ method, route, attempt, delay_ms: delayMs, status: response?.status ?? null, error: error.message }, 'retrying Waldur request');
        try {
          await sleep(delayMs, signal);
        } catch (err) {
          throw options.signal?.aborted ? new Aborted(`Waldur ${where}: cancelled`, { cause: err }) : error;
        }
      }
    } finally {
      deadline.dispose();
    }
  };
}

interface Deadline {
  /** Aborts when the caller's signal does or the deadline passes. */
  signal: AbortSignal;
  expired(): boolean;
  dispose(): void;
}

/**
 * The whole call's deadline (retries and waits included) joined with the caller's signal: one
 * controller and one timer per call, released when the call ends. AbortSignal.timeout and
 * AbortSignal.any would leave a timer and listeners per request until garbage collection.
 */
function startDeadline(ms: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const unfollow = caller ? followCaller(caller, controller) : null;
  return {
    signal: controller.signal,
    expired: () => expired,
    dispose() {
      clearTimeout(timer);
      unfollow?.();
    },
  };
}

/**
 * The calls in flight under each caller's signal. One 'abort' listener per caller signal reaches
 * them all: a listener per call would pass Node's limit of 10 per signal with 16 writes in flight
 * (a MaxListenersExceededWarning in the daemon's log).
 */
const callsUnder = new WeakMap<AbortSignal, Set<AbortController>>();

function followCaller(caller: AbortSignal, controller: AbortController): () => void {
  let calls = callsUnder.get(caller);
  if (!calls) {
    const set = new Set<AbortController>();
    calls = set;
    callsUnder.set(caller, set);
    caller.addEventListener('abort', () => set.forEach((call) => call.abort(caller.reason)), { once: true });
  }
  if (caller.aborted) controller.abort(caller.reason);
  calls.add(controller);
  return () => calls.delete(controller);
}
