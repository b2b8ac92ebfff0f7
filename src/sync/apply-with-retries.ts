import { RateLimited } from '../errors.js';
import type { RetryPolicy } from '../model/retry-policy.js';
import { sleep } from '../sleep.js';
import { classifyError } from '../waldur/classify-error.js';
import { computeBackoff } from '../waldur/compute-backoff.js';
import type { WriteLimiter } from './create-write-limiter.js';
import { throwIfAborted } from './throw-if-aborted.js';
import type { OperationResult } from './types.js';

export interface ApplyWithRetriesOptions {
  limiter: WriteLimiter;
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  /** Attempts already spent on this operation (a batch job redelivered after a crash). */
  attemptsUsed?: number;
  /** Called after each failed attempt that is retried, with the attempts spent so far. */
  onRetry?: (err: unknown, attemptsSpent: number) => void;
}

/**
 * Runs one operation until it succeeds, fails for good or spends policy.maxAttempts attempts in
 * total (the client sends writes once, so this bounds the writes of the operation). Transient
 * failures back off; a 429/503 with Retry-After pauses every worker (the shared limiter) without
 * spending an attempt, because nothing was applied. Permanent and auth failures are thrown at
 * once (the caller stops the run on auth). Every attempt that may follow an earlier send is
 * flagged `mayHaveRun`, so the operation checks before it writes.
 */
export async function applyWithRetries(
  attempt: (mayHaveRun: boolean) => Promise<OperationResult>,
  options: ApplyWithRetriesOptions,
): Promise<OperationResult> {
  const { limiter, policy, signal } = options;
  let failures = options.attemptsUsed ?? 0;
  let rateLimitWaits = 0;
  let sent = failures > 0;
  for (;;) {
    throwIfAborted(signal);
    await limiter.acquire(signal);
    try {
      return await attempt(sent);
    } catch (err) {
      throwIfAborted(signal);
      const kind = classifyError(err);
      if (kind === 'rate-limited' && err instanceof RateLimited && err.retryAfterMs > 0 && rateLimitWaits < policy.maxRateLimitWaits) {
        rateLimitWaits += 1;
        limiter.pause(Math.min(err.retryAfterMs, policy.maxRetryAfterMs));
        options.onRetry?.(err, failures);
        continue;
      }
      sent = true;
      failures += 1;
      if ((kind !== 'transient' && kind !== 'rate-limited') || failures >= policy.maxAttempts) throw err;
      options.onRetry?.(err, failures);
      await sleep(computeBackoff(failures, policy), signal);
    }
  }
}
