import { describe, expect, it } from 'vitest';
import { createWriteLimiter } from '../../src/sync/create-write-limiter.js';

// Lower bounds only: a loaded machine may be slower, never faster.
describe('createWriteLimiter', () => {
  it('when the pause is long, then every worker sharing the limiter waits for it', async () => {
    const limiter = createWriteLimiter(null);
    limiter.pause(150);
    const started = Date.now();

    await limiter.acquire();

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('when writes are limited per second, then attempts are spaced at least that far apart', async () => {
    const limiter = createWriteLimiter(20);
    const started = Date.now();

    for (let i = 0; i < 5; i += 1) await limiter.acquire();

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

});
