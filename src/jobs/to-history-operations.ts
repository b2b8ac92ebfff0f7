import type { OperationRecord } from '../model/operation-record.js';
import { AUDIT_VALUE_CHARS, changesToJson } from '../plan/changes-to-json.js';
import type { HistoryOperation, RunHistoryEntry } from './types.js';

/** Operations kept per history entry: 50 entries of a 9,000-package first sync would not fit Redis well. */
export const MAX_HISTORY_OPERATIONS = 1_000;

/** A run's operation records as its history entry keeps them: the first 1,000, the rest counted. */
export function toHistoryOperations(records: readonly OperationRecord[]): Pick<RunHistoryEntry, 'operations' | 'operations_truncated'> {
  const operations = records.slice(0, MAX_HISTORY_OPERATIONS).map((record): HistoryOperation => ({
    kind: record.kind,
    name: record.name,
    ...(record.uuid !== undefined ? { uuid: record.uuid } : {}),
    outcome: record.outcome,
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.changes ? { changes: changesToJson(record.changes, AUDIT_VALUE_CHARS) } : {}),
  }));
  const truncated = records.length - operations.length;
  return truncated > 0 ? { operations, operations_truncated: truncated } : { operations };
}
