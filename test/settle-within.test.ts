import { describe, expect, it } from 'vitest';
import { settleWithin } from '../src/settle-within.js';

describe('settleWithin', () => {
  it('when the promise settles in time, then its value comes back', async () => {
    // Arrange
    const work = Promise.resolve('done');

    // Act
    const value = await settleWithin(work, 1_000, 'gave up');

    // Assert
    expect(value).toBe('done');
  });

  it('when the promise rejects, then the fallback comes back instead of the error', async () => {
    // Arrange
    const work = Promise.reject(new Error('Redis went away'));

    // Act
    const value = await settleWithin(work, 1_000, 'gave up');

    // Assert
    expect(value).toBe('gave up');
  });

  it('when the promise never settles, then the fallback comes back once the time is up', async () => {
    // Arrange
    const never = new Promise<string>(() => {});
    const started = performance.now();

    // Act
    const value = await settleWithin(never, 50, 'gave up');

    // Assert
    expect(value).toBe('gave up');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('when the time left is negative, then the fallback comes back at once', async () => {
    // Arrange
    const never = new Promise<string>(() => {});

    // Act
    const value = await settleWithin(never, -5, 'gave up');

    // Assert
    expect(value).toBe('gave up');
  });
});
