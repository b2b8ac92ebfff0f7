import type { SandboxStats } from './types.js';

/** Request counters for tests and benchmarks (what the client really sent). */
export function createSandboxStats(): SandboxStats & { record(method: string, route: string): void } {
  const stats = {
    total: 0,
    byMethod: {} as Record<string, number>,
    byRoute: {} as Record<string, number>,
    writesApplied: 0,
    injected: { errors: 0, rateLimited: 0, lostWrites: 0 },
    record(method: string, route: string) {
      stats.total += 1;
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
      const key = `${method} ${route}`;
      stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    },
    count(method: string, route?: string) {
      const m = method.toUpperCase();
      return route === undefined ? (stats.byMethod[m] ?? 0) : (stats.byRoute[`${m} ${route}`] ?? 0);
    },
    reset() {
      stats.total = 0;
      stats.byMethod = {};
      stats.byRoute = {};
      stats.writesApplied = 0;
      stats.injected = { errors: 0, rateLimited: 0, lostWrites: 0 };
    },
  };
  return stats;
}
