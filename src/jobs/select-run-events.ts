import type { NotificationEvent } from '../config/types.js';
import type { RunHistoryEntry } from './types.js';

/**
 * The events a finished run emits. `refused` follows the run status (a guard, an empty upstream
 * or max_delete, held deletes back): protected names alone are the operator's standing choice
 * and never notify. `pending_approval` is emitted for a run entry that carries a pending plan.
 */
export function selectRunEvents(entry: RunHistoryEntry & { pending_approval?: unknown }): NotificationEvent[] {
  const events: NotificationEvent[] = [];
  if (entry.created + entry.updated + entry.deleted > 0) events.push('changed');
  if (entry.status === 'refused') events.push('refused');
  if (entry.status === 'failed' || entry.status === 'partial') events.push('failed');
  if (entry.pending_approval !== undefined && entry.pending_approval !== null) events.push('pending_approval');
  return events;
}
