import { describe, expect, it } from 'vitest';
import { computeBackoff } from '../../src/waldur/compute-backoff.js';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 };

describe('computeBackoff', () => {
  it('when the random draw is at its top, then the ceiling doubles per retry up to maxDelayMs', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((n) => computeBackoff(n, policy, top))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('when the random draw is zero, then no wait (full jitter)', () => {
    expect(computeBackoff(3, policy, () => 0)).toBe(0);
  });
});
