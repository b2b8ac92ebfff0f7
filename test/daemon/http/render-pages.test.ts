// The pages with fields the history and status carry only in some versions (operations, pending
// approvals): rendered when present, escaped like everything else.
import { describe, expect, it } from 'vitest';
import { renderRunPage } from '../../../src/daemon/http/render-run-page.js';
import { renderStatusPage } from '../../../src/daemon/http/render-status-page.js';
import type { RunView, SourceStatusView } from '../../../src/daemon/http/view-types.js';
import type { SourceConfig } from '../../../src/config/types.js';
import { testSource } from '../../jobs/pipeline-harness.js';

const XSS = '<script>alert(1)</script>';
const NOW = Date.parse('2026-01-01T00:10:00.000Z');
const run: RunView = {
  source: 'site', run: 'site-1', status: 'partial', created: 1, updated: 1, deleted: 0, unchanged: 0, failed: 1, refused_deletes: 0,
  errors: [`create ${XSS}: 400`], duration_ms: 1200, started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.200Z',
  job: 'j-1', reason: 'api', requested_by: `<b>${XSS}</b>`,
};

describe('renderRunPage', () => {
  it('when the run records operations, then each is a row with its changes, and every value is escaped', () => {
    const page = renderRunPage({
      source: 'site',
      now: NOW,
      run: {
        ...run,
        operations: [
          { kind: 'create', name: XSS, outcome: 'failed', error: `bad ${XSS}` },
          { kind: 'update', name: 'GROMACS', uuid: 'a'.repeat(32), outcome: 'applied', changes: { description: { old: XSS, new: 'Molecular <dynamics>' } } },
        ],
        operations_truncated: 3,
      },
    });

    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Operations (2)');
    expect(page).toContain('<strong>description</strong>: <code>&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; → &quot;Molecular &lt;dynamics&gt;&quot;</code>');
    expect(page).toContain('… and 3 more operations not kept.');
  });

  it('when the run does not record operations, then the page says so', () => {
    expect(renderRunPage({ source: 'site', run, now: NOW })).toContain("This run's history entry does not record its operations.");
  });
});

describe('renderStatusPage', () => {
  const status = (fields: Partial<SourceStatusView>): SourceStatusView => ({
    source: 'site', schedule: null, timezone: null, next_run: null, active: null, follow_up: null, last_success: null, pending_approval: null, runs: [run], ...fields,
  });
  const page = (source: SourceStatusView, sources: SourceConfig[] = []) =>
    renderStatusPage({ status: { sources: [source], queues: { runs: {}, ops: {} }, replicas: [] }, sources, now: NOW });
  const holding = { ...testSource('site'), approval: 'deletes' as const };

  it('when a plan is pending approval, then it is shown; when the source holds runs but none waits, then "none"; when it never holds, then nothing', () => {
    const pending = page(status({ pending_approval: { plan_id: 'plan-7', created_at: '2026-01-01T00:05:00.000Z', create: 1, update: 2, delete: 30 } }));
    expect(pending).toContain('Pending approval');
    expect(pending).toContain('plan <code>plan-7</code>: 1 to create, 2 to update, 30 to delete (5m ago)');
    expect(page(status({}), [holding])).toMatch(/Pending approval<\/dt><dd><span class="muted">none/);
    expect(page(status({}), [testSource('site')])).not.toContain('Pending approval');
  });

  it('when a run is active and one is queued behind it, then both are shown, and run links are encoded', () => {
    const html = page(status({ active: { job: 'j-2', run: 'site-2', state: 'waiting-children', started_at: '2026-01-01T00:09:30.000Z' }, follow_up: 'j-3' }));
    expect(html).toContain('<span class="status status-waiting-children">waiting-children</span> run <code>site-2</code>, started 30s ago');
    expect(html).toContain('one more run queued behind it (job <code>j-3</code>)');
    expect(html).toContain('href="/sources/site/runs/site-1"');
    expect(html).not.toContain('<script>');
  });
});
