// Messages between the benchmark process and the sandbox child (see sandbox-process.ts).
import type { CatalogType } from '../../src/model.js';

export interface SeedRequest {
  catalog: { name: string; version: string; type: CatalogType };
  packages: number;
  /** Options of generateDesiredPackages: the same values give the same packages. */
  generator: { versionsPerPackage: number; targetsPerVersion: number; seed: number };
}

export type SandboxCommand =
  | { type: 'stats' }
  | { type: 'reset' }
  | { type: 'reset-stats' }
  | { type: 'faults'; faults: { latencyMs?: number } }
  | { type: 'seed'; request: SeedRequest }
  | { type: 'catalog'; name: string; version: string };

export type SandboxReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The sandbox's request counters (SandboxStats without its methods). */
export interface SandboxCounters {
  total: number;
  byMethod: Record<string, number>;
  byRoute: Record<string, number>;
  writesApplied: number;
  /** CPU time the sandbox process has used since it started. */
  cpuMs: number;
}
