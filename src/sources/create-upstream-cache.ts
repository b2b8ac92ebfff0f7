import type { CachedDocument, UpstreamCache } from './types.js';

/**
 * A plain in-memory cache, one entry per (location, parse) key, newest wins. It is bounded by
 * the configured sources, so it needs no eviction; a process restart simply refetches.
 */
export function createUpstreamCache(): UpstreamCache {
  const entries = new Map<string, CachedDocument>();
  return {
    get: (key) => entries.get(key),
    set: (key, entry) => void entries.set(key, entry),
    stats: { parsed: 0, notModified: 0 },
  };
}
