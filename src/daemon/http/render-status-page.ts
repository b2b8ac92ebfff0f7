// GET /: every source at a glance (what it syncs, when, what it did last) and the queues.
import type { SourceConfig } from '../../config/types.js';
import type { StatusReport } from '../../jobs/read-status.js';
import { describeTime } from './describe-time.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './render-page.js';
import { runLink } from './run-link.js';
import type { RunView, SourceStatusView } from './view-types.js';

export const REFRESH_SECONDS = 5;

const when = (iso: string | null, now: number): SafeHtml =>
  iso ? html`<time datetime="${iso}">${iso}</time> <span class="muted">(${describeTime(iso, now)})</span>` : html`<span class="muted">never</span>`;

function renderNow(status: SourceStatusView, now: number): SafeHtml {
  const active = status.active;
  const running = active
    ? html`<span class="status status-${active.state}">${active.state}</span> run <code>${active.run ?? '(starting)'}</code>${
        active.started_at ? html`, started ${describeTime(active.started_at, now)}` : ''
      }`
    : html`<span class="status status-idle">idle</span>`;
  const queued = status.follow_up ? html`; one more run queued behind it (job <code>${status.follow_up}</code>)` : '';
  return html`${running}${queued}`;
}

function renderApproval(status: SourceStatusView, config: SourceConfig | undefined, now: number): SafeHtml | '' {
  const plan = status.pending_approval;
  // Shown where the source holds runs for approval, or a plan still waits from before.
  if (!plan && (config?.approval ?? 'none') === 'none') return '';
  const value = plan
    ? html`<span class="status status-pending">waiting</span> plan <code>${plan.plan_id}</code>: ${plan.create} to create, ${plan.update} to update, ${plan.delete} to delete (${describeTime(plan.created_at, now)})`
    : html`<span class="muted">none</span>`;
  return html`<dt>Pending approval</dt><dd>${value}</dd>`;
}

function renderRuns(source: string, runs: RunView[], now: number): SafeHtml {
  if (runs.length === 0) return html`<p class="muted">No runs yet.</p>`;
  const rows = runs.map(
    (run) => html`<tr>
<td><a href="${runLink(source, run.run)}"><time datetime="${run.finished_at}">${run.finished_at}</time></a><br><span class="muted">${describeTime(run.finished_at, now)}</span></td>
<td><span class="status status-${run.status}">${run.status}</span></td>
<td class="num">${run.created}</td><td class="num">${run.updated}</td><td class="num">${run.deleted}</td><td class="num">${run.unchanged}</td>
<td class="num">${run.failed}</td><td class="num">${run.refused_deletes}</td>
<td class="num">${(run.duration_ms / 1000).toFixed(1)} s</td>
<td>${run.reason}${run.requested_by ? html`<br><span class="muted">${run.requested_by}</span>` : ''}</td>
<td class="error">${run.errors[0] ?? ''}${run.errors.length > 1 ? html` <span class="muted">(+${run.errors.length - 1} more)</span>` : ''}</td>
</tr>`,
  );
  return html`<table class="runs">
<caption>Recent runs</caption>
<thead><tr><th>Finished</th><th>Status</th><th class="num">Created</th><th class="num">Updated</th><th class="num">Deleted</th><th class="num">Unchanged</th><th class="num">Failed</th><th class="num">Refused</th><th class="num">Duration</th><th>Reason</th><th>First error</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function renderSource(status: SourceStatusView, config: SourceConfig | undefined, now: number): SafeHtml {
  const schedule = status.schedule
    ? html`<code>${status.schedule}</code>${status.timezone ? html` (${status.timezone})` : ''}, next ${when(status.next_run, now)}`
    : html`<span class="muted">on demand only (no schedule)</span>`;
  const catalog = config ? html`${config.catalog.name} ${config.catalog.version} <span class="muted">(${config.catalog.type})</span>` : '';
  return html`<section class="source" id="source-${status.source}">
<h2>${status.source}${config ? html`<span class="kind">${config.kind}</span>` : ''}</h2>
<dl class="facts">
<dt>Catalog</dt><dd>${catalog}</dd>
<dt>Schedule</dt><dd>${schedule}</dd>
<dt>Last success</dt><dd>${when(status.last_success, now)}</dd>
<dt>Now</dt><dd>${renderNow(status, now)}</dd>
${renderApproval(status, config, now)}
</dl>
${renderRuns(status.source, status.runs, now)}
</section>`;
}

function renderQueues(queues: StatusReport['queues']): SafeHtml {
  const row = (name: string, counts: Record<string, number>) =>
    html`<tr><th>${name}</th>${Object.entries(counts).map(([state, n]) => html`<td>${state} <strong>${n}</strong></td>`)}</tr>`;
  return html`<table class="queues"><caption>Queues</caption><tbody>${row('runs', queues.runs)}${row('ops', queues.ops)}</tbody></table>`;
}

export function renderStatusPage(input: { status: StatusReport; sources: SourceConfig[]; now: number }): string {
  const { status, sources, now } = input;
  const body = html`${status.sources.map((s) => renderSource(s, sources.find((c) => c.name === s.source), now))}
${renderQueues(status.queues)}`;
  return renderPage({ title: 'catalog-sync status', body, refreshSeconds: REFRESH_SECONDS, now });
}
