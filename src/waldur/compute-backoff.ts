import type { RetryPolicy } from './types.js';

/** Exponential backoff with full jitter before retry number `retry` (1-based). */
export function computeBackoff(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
