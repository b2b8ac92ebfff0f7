import type { RunHistoryEntry } from './types.js';

/**
 * A run report without its operations, for lists and copies that live long or travel (`status`,
 * the run job's return value, webhook bodies): the run history keeps them, and GET .../runs/{run}
 * and `status --run` show them.
 */
export function omitOperations(entry: RunHistoryEntry): RunHistoryEntry {
  const { operations: _operations, operations_truncated: _truncated, ...rest } = entry;
  return rest;
}
