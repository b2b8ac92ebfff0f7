// The one retry policy of the project: the Waldur client's read retries, the in-process runner
// and the queue's operation jobs all follow it, so an operation fails, waits and gives up the
// same way whichever path applies it.

export interface RetryPolicy {
  /**
   * Sends of one operation (or one read) in total, the first included. Writes are never retried
   * beneath the operation, so this is also the most times one write reaches Waldur.
   */
  maxAttempts: number;
  /** Exponential backoff with full jitter: random(0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not obeyed blindly: the wait is capped at it. */
  maxRetryAfterMs: number;
  /** Rate-limit pauses (429/503 with Retry-After) one operation may wait out; they are not attempts. */
  maxRateLimitWaits: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 300_000,
  maxRateLimitWaits: 20,
};
