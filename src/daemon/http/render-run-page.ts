// GET /sources/{name}/runs/{run}: one run's report, its errors and (when the history records
// them) its operations.
import { describeTime } from './describe-time.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './render-page.js';
import type { OperationView, RunView } from './view-types.js';

function renderChanges(changes: unknown): SafeHtml | string {
  if (changes === undefined || changes === null) return '';
  if (typeof changes !== 'object' || Array.isArray(changes)) return html`<code>${JSON.stringify(changes)}</code>`;
  return html`${Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    const pair = change as { old?: unknown; new?: unknown } | null;
    const text = pair && typeof pair === 'object' && ('old' in pair || 'new' in pair)
      ? `${JSON.stringify(pair.old ?? null)} → ${JSON.stringify(pair.new ?? null)}`
      : JSON.stringify(change);
    return html`<div><strong>${field}</strong>: <code>${text}</code></div>`;
  })}`;
}

function renderOperations(run: RunView): SafeHtml {
  if (!run.operations) {
    return html`<h2>Operations</h2><p class="muted">This run's history entry does not record its operations.</p>`;
  }
  if (run.operations.length === 0) return html`<h2>Operations</h2><p class="muted">None: the catalog already matched upstream.</p>`;
  const rows = run.operations.map(
    (op: OperationView) => html`<tr>
<td>${op.kind}</td><td class="mono">${op.name}</td><td class="mono">${op.uuid ?? ''}</td>
<td><span class="status status-${op.outcome}">${op.outcome}</span></td>
<td>${renderChanges(op.changes)}</td><td class="error">${op.error ?? ''}</td>
</tr>`,
  );
  const truncated = run.operations_truncated ? html`<p class="muted">… and ${run.operations_truncated} more operations not kept.</p>` : '';
  return html`<table class="operations">
<caption>Operations (${run.operations.length})</caption>
<thead><tr><th>Kind</th><th>Package</th><th>UUID</th><th>Outcome</th><th>Changes</th><th>Error</th></tr></thead>
<tbody>${rows}</tbody>
</table>${truncated}`;
}

export function renderRunPage(input: { source: string; run: RunView; now: number }): string {
  const { source, run, now } = input;
  const errors = run.errors.length
    ? html`<h2>Errors</h2><ul class="errors">${run.errors.map((e) => html`<li class="error">${e}</li>`)}</ul>`
    : '';
  const body = html`<nav><a href="/">← all sources</a></nav>
<h2>Run <code>${run.run}</code> of ${source}</h2>
<dl class="facts">
<dt>Status</dt><dd><span class="status status-${run.status}">${run.status}</span>${run.forced ? ' (forced)' : ''}</dd>
<dt>Reason</dt><dd>${run.reason}${run.slot ? html` (slot ${run.slot})` : ''}</dd>
<dt>Requested by</dt><dd>${run.requested_by ?? html`<span class="muted">not recorded</span>`}</dd>
<dt>Started</dt><dd><time datetime="${run.started_at}">${run.started_at}</time></dd>
<dt>Finished</dt><dd><time datetime="${run.finished_at}">${run.finished_at}</time> <span class="muted">(${describeTime(run.finished_at, now)})</span></dd>
<dt>Duration</dt><dd>${(run.duration_ms / 1000).toFixed(1)} s</dd>
<dt>Changes</dt><dd>${run.created} created, ${run.updated} updated, ${run.deleted} deleted, ${run.unchanged} unchanged, ${run.failed} failed, ${run.refused_deletes} refused deletes</dd>
<dt>Job</dt><dd><code>${run.job}</code></dd>
${run.plan_id ? html`<dt>Plan</dt><dd><code>${run.plan_id}</code></dd>` : ''}
${run.pending_approval ? html`<dt>Held for approval</dt><dd>plan <code>${run.pending_approval.plan_id}</code>: ${run.pending_approval.create} to create, ${run.pending_approval.update} to update, ${run.pending_approval.delete} to delete</dd>` : ''}
</dl>
${errors}
${renderOperations(run)}`;
  return renderPage({ title: `run ${run.run}`, body, now });
}
