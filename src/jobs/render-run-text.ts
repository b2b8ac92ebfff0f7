// `status --source NAME --run RUN_ID`: one run of the history, with its operations.
import { shortenValue } from '../plan/shorten-value.js';
import type { HistoryOperation, RunHistoryEntry } from './types.js';

const VALUE_CHARS = 60;
const show = (value: string | null): string => (value === null ? 'null' : JSON.stringify(shortenValue(value, VALUE_CHARS)));

function renderOperation(op: HistoryOperation, width: number): string[] {
  const lines = [`    ${op.kind.padEnd(6)}  ${op.name.padEnd(width)}  ${op.uuid ?? '-'.padEnd(32)}  ${op.outcome}${op.error ? `: ${op.error}` : ''}`];
  for (const [field, change] of Object.entries(op.changes ?? {})) lines.push(`        ${field}: ${show(change.old)} -> ${show(change.new)}`);
  return lines;
}

export function renderRunText(run: RunHistoryEntry): string {
  const who = run.requested_by ? `, requested by ${run.requested_by}` : '';
  const lines = [
    `Run ${run.run} of ${run.source}: ${run.status} (${run.reason}${run.forced ? ', forced' : ''}${who})`,
    `  started ${run.started_at}, finished ${run.finished_at} (${(run.duration_ms / 1000).toFixed(1)}s), job ${run.job}`,
    `  ${run.created} created, ${run.updated} updated, ${run.deleted} deleted, ${run.unchanged} unchanged, ${run.failed} failed, ${run.refused_deletes} refused deletes`,
  ];
  if (run.plan_id) lines.push(`  plan: ${run.plan_id}`);
  if (run.pending_approval) {
    const p = run.pending_approval;
    lines.push(`  held for approval: plan ${p.plan_id}: ${p.create} to create, ${p.update} to update, ${p.delete} to delete`);
  }
  for (const error of run.errors) lines.push(`  error: ${error}`);
  if (run.operations === undefined) {
    lines.push('  operations: not recorded in this history entry');
  } else {
    lines.push(`  operations (${run.operations.length}${run.operations_truncated ? `, and ${run.operations_truncated} more not kept` : ''}):`);
    const width = Math.min(40, Math.max(0, ...run.operations.map((op) => op.name.length)));
    for (const op of run.operations) lines.push(...renderOperation(op, width));
  }
  return `${lines.join('\n')}\n`;
}
