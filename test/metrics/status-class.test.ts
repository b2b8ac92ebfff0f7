import { describe, expect, it } from 'vitest';
import { statusClass } from '../../src/metrics/status-class.js';

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [201, '2xx'],
    [304, '3xx'],
    [400, '4xx'],
    [429, '4xx'],
    [500, '5xx'],
    [599, '5xx'],
    [null, 'error'],
    [0, 'error'],
    [600, 'error'],
    [200.5, 'error'],
  ] as const)('when the status is %s, then the class is %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected);
  });
});
