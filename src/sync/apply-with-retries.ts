import { isRetryable, RateLimited } from '../errors.js';
import type { WriteLimiter } from './create-write-limiter.js';
import { sleep } from './sleep.js';
import { throwIfAborted } from './throw-if-aborted.js';
import type { OperationResult } from './types.js';

export interface ApplyRetryPolicy {
  /** Attempts per operation for transient failures (429s are counted apart). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for hours is not obeyed blindly: the wait is capped. */
  maxRetryAfterMs: number;
  /** Rate-limit waits allowed per operation before it fails. */
  maxRateLimitWaits: number;
}

export const DEFAULT_APPLY_RETRY: ApplyRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 300_000,
  maxRateLimitWaits: 20,
};

/** Exponential backoff with full jitter (spreads retries of many workers). */
function backoffDelay(policy: ApplyRetryPolicy, failures: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.round(Math.random() * ceiling);
}

/**
 * Runs one operation until it succeeds, fails permanently or runs out of attempts. Transient
 * errors back off; a 429 pauses every worker (through the shared limiter) without using up an
 * attempt, because nothing was applied. Every attempt after the first is flagged `mayHaveRun`.
 */
export async function applyWithRetries(
  attempt: (mayHaveRun: boolean) => Promise<OperationResult>,
  options: { limiter: WriteLimiter; policy: ApplyRetryPolicy; signal?: AbortSignal; onRetry?: (err: unknown, tries: number) => void },
): Promise<OperationResult> {
  const { limiter, policy, signal } = options;
  let failures = 0;
  let rateLimitWaits = 0;
  for (let tries = 0; ; tries += 1) {
    throwIfAborted(signal);
    await limiter.acquire(signal);
    try {
      return await attempt(tries > 0);
    } catch (err) {
      throwIfAborted(signal);
      if (err instanceof RateLimited && rateLimitWaits < policy.maxRateLimitWaits) {
        rateLimitWaits += 1;
        limiter.pause(err.retryAfterMs > 0 ? Math.min(err.retryAfterMs, policy.maxRetryAfterMs) : backoffDelay(policy, rateLimitWaits));
        options.onRetry?.(err, tries + 1);
        continue;
      }
      failures += 1;
      if (!isRetryable(err) || err instanceof RateLimited || failures >= policy.maxAttempts) throw err;
      options.onRetry?.(err, tries + 1);
      await sleep(backoffDelay(policy, failures), signal);
    }
  }
}
