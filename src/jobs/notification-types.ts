// Shapes of the notify queue: one job per (run, event, target). Job data never holds a
// notification's URL or secret (a Slack URL is a secret): only the target's id, which the worker
// looks up in its own config when it delivers.
import type { NotificationEvent } from '../config/types.js';
import type { RunStatus } from '../model/run-report.js';
import type { RunHistoryEntry } from './types.js';

/** Queue name under the configured prefix. */
export const NOTIFY_QUEUE = 'notify';

/** The JSON body receivers get (format json). A public shape: see docs/http-api.md. */
export interface NotificationPayload {
  event: NotificationEvent;
  source: string;
  run: string;
  status: RunStatus;
  report: RunHistoryEntry;
}

export interface NotifyJobData {
  /** notificationTargetId of the target. */
  target: string;
  payload: NotificationPayload;
}

/** The receiver's HTTP status, or why the message was dropped without sending it. */
export type NotifyJobResult = { status: number } | { dropped: string };
