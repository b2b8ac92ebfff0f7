// What the status page renders: the status and history shapes themselves.
import type { SourceStatus } from '../../jobs/read-status.js';
import type { HistoryOperation, RunHistoryEntry } from '../../jobs/types.js';

export type OperationView = HistoryOperation;
export type SourceStatusView = SourceStatus;
export type RunView = RunHistoryEntry;
