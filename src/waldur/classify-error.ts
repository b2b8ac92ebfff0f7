import { AuthError, RateLimited, Transient } from '../errors.js';

/**
 * The failure classes every retry decision is made from:
 * - auth: the token was rejected (401/403); nothing else of the run can succeed, so it stops;
 * - rate-limited: 429/503; a wait for Retry-After, not an attempt;
 * - transient: 5xx, resets, timeouts; retried with backoff within the attempts;
 * - permanent: everything else (400, 404, bodies we cannot read, our own errors); never retried.
 */
export type FailureClass = 'permanent' | 'transient' | 'rate-limited' | 'auth';

export function classifyError(err: unknown): FailureClass {
  if (err instanceof AuthError) return 'auth';
  if (err instanceof RateLimited) return 'rate-limited';
  if (err instanceof Transient) return 'transient';
  return 'permanent';
}
