// The audit trail of a real daemon (sandbox over HTTP behind a recording proxy, real Redis): each
// applied write logged at info, the run's operations in its history, shown by `status --run`, the
// API's run route and the status page, matching the writes the server saw.
import { describe, expect, it } from 'vitest';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import type { HistoryOperation } from '../../src/jobs/types.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { runCli, useDaemonFixture } from './daemon-harness.js';
import { API_SERVER_LINES, API_TOKEN, call, startLoggedDaemon, startRefusingProxy } from './http/http-harness.js';

const LONG = `A description long enough to be shortened in the audit trail. ${'x'.repeat(300)}`;

describe('the audit trail', () => {
  const t = useDaemonFixture('audit');

  it("when a daemon run creates, updates and deletes, then each write is logged at info and the run's operations match the writes the server saw", async () => {
    const writes: Array<{ method: string; path: string; body: string }> = [];
    const proxy = await startRefusingProxy(t.fixture.test.url, (request) => {
      if (request.method !== 'GET') writes.push(request);
      return null;
    });
    try {
      const write = (sources: Parameters<typeof t.fixture.write>[0]) => t.fixture.write(sources, { waldurUrl: proxy.url, serverLines: API_SERVER_LINES });
      write([{ name: 'site', packages: ['alpha', 'beta', 'gamma'] }]);
      const daemon = await startLoggedDaemon(t.fixture);
      t.daemon = daemon;
      const run = async () => waitForRun(daemon.queues.runs, await enqueueRun(daemon.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });
      await run();
      write([{ name: 'site', packages: ['alpha', 'beta', 'delta'], revision: LONG }]);
      writes.splice(0);

      const report = await run();
      const shown = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', report.run, '--json'], t.fixture.env);
      const text = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', report.run], t.fixture.env);
      const api = await call(daemon.url, `/api/v1/sources/site/runs/${report.run}`, { token: API_TOKEN });
      const page = await fetch(`${daemon.url}/sources/site/runs/${report.run}`).then((r) => r.text());

      const operations = (JSON.parse(shown.stdout) as { run: { operations: HistoryOperation[] } }).run.operations;
      const uuidOf = (name: string) => t.fixture.test.sandbox.state.listPackages().find((p) => p.name === name)?.uuid;
      // What the server saw, as (method, package): creates by the name they sent, the rest by uuid.
      const seen = writes.map((w) => (w.method === 'POST' ? ['POST', (JSON.parse(w.body) as { name: string }).name] : [w.method, w.path.split('/').filter(Boolean).at(-1)]));
      const recorded = operations.map((op) => (op.kind === 'create' ? ['POST', op.name] : [op.kind === 'update' ? 'PATCH' : 'DELETE', op.uuid]));
      expect(recorded.sort()).toEqual(seen.sort());
      expect(operations.map((op) => [op.kind, op.name, op.outcome])).toEqual([
        ['create', 'delta', 'applied'],
        ['update', 'alpha', 'applied'],
        ['update', 'beta', 'applied'],
        ['delete', 'gamma', 'applied'],
      ]);
      expect(operations[0]!.uuid).toBe(uuidOf('delta'));
      const alpha = operations[1]!;
      expect(alpha.changes!.description!.old).toBe('alpha for the test site');
      expect(alpha.changes!.description!.new).toHaveLength(200);
      expect(alpha.changes!.description!.new).toMatch(/^alpha for the test site \(A description long enough.*\.\.\.$/);
      expect(text.stdout).toContain(`    update  alpha  ${alpha.uuid}  applied\n        description: "alpha for the test site" -> "alpha for the test site (A description long enough to be ..."`);
      expect((api.body as { run: { operations: HistoryOperation[] } }).run.operations).toEqual(operations);
      expect(page).toContain('Operations (4)');

      const applied = daemon.logs.filter((line) => line.msg === 'applied' && line.run === report.run);
      expect(applied.map((line) => [line.level, line.source, line.op, line.name])).toEqual(
        expect.arrayContaining([['info', 'site', 'create', 'delta'], ['info', 'site', 'update', 'alpha'], ['info', 'site', 'update', 'beta'], ['info', 'site', 'delete', 'gamma']]),
      );
      expect(applied).toHaveLength(4);
      const logged = applied.find((line) => line.name === 'alpha')!;
      expect(logged).toMatchObject({ uuid: alpha.uuid, changes: { description: { old: 'alpha for the test site', new: alpha.changes!.description!.new } } });
      expect(applied.find((line) => line.name === 'delta')!.uuid).toBe(uuidOf('delta'));
    } finally {
      await proxy.close();
    }
  });
});
