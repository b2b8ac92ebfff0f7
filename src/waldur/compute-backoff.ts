import type { RetryPolicy } from '../model/retry-policy.js';

/**
 * The one backoff of the project: exponential with full jitter before retry number `retry`
 * (1-based), so many workers retrying at once spread out.
 */
export function computeBackoff(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
