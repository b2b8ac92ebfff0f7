// The readable form of `status` (the JSON form is the StatusReport itself).
import type { Replica } from './read-replicas.js';
import type { StatusReport } from './read-status.js';
import type { RunHistoryEntry } from './types.js';

const ERRORS_SHOWN = 3;

function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s ago`;
  if (s < 7_200) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3_600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

function renderRun(run: RunHistoryEntry): string[] {
  const counts = `+${run.created} ~${run.updated} -${run.deleted} =${run.unchanged}` +
    (run.failed ? ` failed ${run.failed}` : '') + (run.refused_deletes ? ` refused ${run.refused_deletes}` : '');
  const lines = [`    ${run.finished_at}  ${run.status.padEnd(9)}  ${counts}  ${(run.duration_ms / 1000).toFixed(1)}s  (${run.reason}${run.forced ? ', forced' : ''})`];
  for (const error of run.errors.slice(0, ERRORS_SHOWN)) lines.push(`      error: ${error}`);
  if (run.errors.length > ERRORS_SHOWN) lines.push(`      ... ${run.errors.length - ERRORS_SHOWN} more errors`);
  return lines;
}

function renderCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(', ');
}

function renderReplicas(replicas: Replica[] | null, now: number): string[] {
  if (replicas === null) return ['daemon replicas: unknown (this Redis does not allow CLIENT LIST)'];
  if (replicas.length === 0) return ['daemon replicas: none alive: no daemon takes jobs from this Redis and prefix'];
  return [
    `daemon replicas: ${replicas.length} alive`,
    ...replicas.map(
      (r) => `  ${r.host}${r.pid === null ? '' : ` pid ${r.pid}`}, connected since ${r.started} (${ago(r.started, now)}), queues ${r.queues.join(', ')}`,
    ),
  ];
}

export function renderStatusText(status: StatusReport, options: { now?: number; runs?: number } = {}): string {
  const now = options.now ?? Date.now();
  const lines: string[] = renderReplicas(status.replicas, now);
  for (const source of status.sources) {
    const schedule = source.schedule
      ? `schedule "${source.schedule}"${source.timezone ? ` (${source.timezone})` : ''}, next ${source.next_run}`
      : 'on demand only (no schedule)';
    lines.push(`${source.source}: ${schedule}`);
    lines.push(
      source.active
        ? `  active: run ${source.active.run ?? '(starting)'} (job ${source.active.job}, ${source.active.state}` +
            `${source.active.started_at ? `, started ${ago(source.active.started_at, now)}` : ''})`
        : '  active: no',
    );
    if (source.follow_up) lines.push(`  queued behind it: one follow-up run (job ${source.follow_up})`);
    lines.push(`  last success: ${source.last_success ? `${source.last_success} (${ago(source.last_success, now)})` : 'never'}`);
    const pending = source.pending_approval;
    if (pending) {
      lines.push(
        `  pending approval: plan ${pending.plan_id} (${ago(pending.created_at, now)}): ${pending.create} to create, ${pending.update} to update, ` +
          `${pending.delete} to delete; \`catalog-sync approve --source ${source.source}\` applies it, \`reject\` drops it`,
      );
    }
    const shown = source.runs.slice(0, options.runs ?? 5);
    lines.push(shown.length ? '  last runs:' : '  last runs: none yet');
    for (const run of shown) lines.push(...renderRun(run));
  }
  lines.push(`queue runs: ${renderCounts(status.queues.runs)}`);
  lines.push(`queue ops:  ${renderCounts(status.queues.ops)}`);
  return `${lines.join('\n')}\n`;
}
