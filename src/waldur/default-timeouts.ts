import type { WaldurTimeouts } from './types.js';

/** Timeouts of a Waldur call unless the config says otherwise (`waldur.timeout`). */
export const DEFAULT_TIMEOUTS: WaldurTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, deadlineMs: 120_000 };
