import { describe, expect, it } from 'vitest';
import { Aborted, AuthError, RateLimited, Transient, ValidationError } from '../../src/errors.js';
import { DEFAULT_RETRY_POLICY } from '../../src/model/retry-policy.js';
import { applyWithRetries } from '../../src/sync/apply-with-retries.js';
import { createWriteLimiter } from '../../src/sync/create-write-limiter.js';
import type { OperationResult } from '../../src/sync/types.js';

const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const done: OperationResult = { outcome: 'created', writes: 1 };

/** An attempt function that throws the given errors in turn, then succeeds; it records its flags. */
function script(...errors: Error[]) {
  const flags: boolean[] = [];
  const attempt = async (mayHaveRun: boolean): Promise<OperationResult> => {
    flags.push(mayHaveRun);
    const next = errors.shift();
    if (next) throw next;
    return done;
  };
  return { attempt, flags };
}

describe('applyWithRetries', () => {
  it('when transient errors come and go, then it retries with mayHaveRun set after the first try', async () => {
    const { attempt, flags } = script(new Transient('reset'), new Transient('500', 500));

    const result = await applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy });

    expect(result).toEqual(done);
    expect(flags).toEqual([false, true, true]);
  });

  it('when transient errors outlast maxAttempts, then the last error is thrown', async () => {
    const { attempt, flags } = script(new Transient('a'), new Transient('b'), new Transient('c'), new Transient('d'));

    await expect(applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy })).rejects.toThrow('c');
    expect(flags).toHaveLength(3);
  });

  it('when the server rejects the input, then it is not retried', async () => {
    const { attempt, flags } = script(new ValidationError('bad', { name: ['too long'] }));

    await expect(applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy })).rejects.toBeInstanceOf(ValidationError);
    expect(flags).toEqual([false]);
  });

  it('when rate-limited, then the attempt is not used up and the limiter holds the next try for Retry-After', async () => {
    const { attempt, flags } = script(new RateLimited('429', 30, 429), new RateLimited('429', 30, 429), new RateLimited('429', 30, 429), new Transient('x'));
    const limiter = createWriteLimiter(null);
    const pauses: number[] = [];
    const acquiredAt: number[] = [];
    const recording = {
      pace: () => limiter.pace(),
      pause: (ms: number) => {
        pauses.push(ms);
        limiter.pause(ms);
      },
      acquire: async (signal?: AbortSignal) => {
        await limiter.acquire(signal);
        acquiredAt.push(Date.now());
      },
    };

    const result = await applyWithRetries(attempt, { limiter: recording, policy });

    expect(result).toEqual(done);
    // Three 429s and one transient error with maxAttempts 3: only the transient one used an attempt.
    expect(flags).toHaveLength(5);
    expect(pauses).toEqual([30, 30, 30]);
    // Each try after a 429 was held back by the limiter for at least the Retry-After.
    for (const i of [1, 2, 3]) expect(acquiredAt[i]! - acquiredAt[i - 1]!).toBeGreaterThanOrEqual(29);
  });

  it('when attempts were spent before (a retried batch), then only the rest of the budget is used and the first try is flagged', async () => {
    const { attempt, flags } = script(new Transient('a'), new Transient('b'), new Transient('c'));

    await expect(applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy, attemptsUsed: 1 })).rejects.toThrow('b');
    expect(flags).toEqual([true, true]);
  });

  it('when the token is rejected, then it is thrown at once without a retry', async () => {
    const { attempt, flags } = script(new AuthError('401', 401));

    await expect(applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy })).rejects.toBeInstanceOf(AuthError);
    expect(flags).toEqual([false]);
  });

  it('when the run is cancelled during a backoff, then it stops with Aborted', async () => {
    const controller = new AbortController();
    const { attempt } = script(new Transient('a'), new Transient('b'));
    const slow = { ...policy, baseDelayMs: 10_000, maxDelayMs: 10_000 };
    const pending = applyWithRetries(attempt, { limiter: createWriteLimiter(null), policy: slow, signal: controller.signal });

    controller.abort();

    await expect(pending).rejects.toBeInstanceOf(Aborted);
  });
});
