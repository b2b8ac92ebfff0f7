// What the API and the status page need from the daemon, as plain functions (tests pass fakes or
// the real ones; create-daemon-routes wires them to Redis and the queues).
import type { ServerConfig, SourceConfig } from '../../config/types.js';
import type { StatusReport } from '../../jobs/read-status.js';
import type { RunHistoryEntry, RunReason } from '../../jobs/types.js';
import type { Logger } from '../../log/create-logger.js';

export interface HttpDeps {
  /**
   * Read at each request, so a reload that replaces the API token or the webhook secret applies
   * to the next request. Whether the API is served at all (a token or none) is fixed at start.
   */
  server: Pick<ServerConfig, 'apiToken' | 'webhookSecret' | 'ui'>;
  sources: SourceConfig[];
  logger: Logger;
  /** The `status --json` object, with up to `runs` history entries per source. */
  readStatus(runs: number): Promise<StatusReport>;
  /** One run of a source's history, or null. */
  findRun(source: string, run: string): Promise<RunHistoryEntry | null>;
  /** Enqueues a run exactly like `trigger` (`force` like `trigger --force`); returns the job id. */
  requestRun(request: { source: string; reason: RunReason; requestedBy: string; force?: boolean }): Promise<string>;
  /** Queues the approve job of the source's pending plan, like `catalog-sync approve`; null when none is pending. */
  approve(request: { source: string; requestedBy: string }): Promise<{ job: string; planId: string } | null>;
  /** Drops the source's pending plan, like `catalog-sync reject`; null when none is pending. */
  reject(request: { source: string; requestedBy: string }): Promise<RunHistoryEntry | null>;
  now?: () => number;
}
