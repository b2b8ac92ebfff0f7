// The report of one sync run: printed by `sync --json`, written by the daemon, shown by `status`.
// A public shape, the same for the in-process runner and the queue.

export type RunStatus = 'succeeded' | 'partial' | 'failed' | 'refused';

export interface RunReport {
  source: string;
  run: string;
  status: RunStatus;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
  refused_deletes: number;
  errors: string[];
  duration_ms: number;
  started_at: string;
  finished_at: string;
}
