// The HTTP API on a real daemon (sandbox over HTTP, real Redis): auth, the routes, limits, logs.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../../src/jobs/read-status.js';
import { packageNames, useDaemonFixture, waitUntil } from '../daemon-harness.js';
import { API_SERVER_LINES, API_TOKEN, WEBHOOK_SECRET, call, startLoggedDaemon, type LoggedDaemon } from './http-harness.js';

const SOURCES = [{ name: 'site', packages: packageNames(3) }, { name: 'other', packages: packageNames(2, 'lib') }];

const sign = (body: string, secret = WEBHOOK_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function queuedRuns(daemon: LoggedDaemon): Promise<number> {
  const counts = await daemon.queues.runs.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

describe('HTTP API', () => {
  const ctx = useDaemonFixture('http-api');
  let daemon: LoggedDaemon | undefined;
  const start = async (serverLines = API_SERVER_LINES) => {
    ctx.fixture.write(SOURCES, { serverLines });
    daemon = await startLoggedDaemon(ctx.fixture);
    ctx.daemon = daemon;
    return daemon;
  };

  it('when a call has no token or a wrong one, then it gets 401 with a detail and nothing is queued', async () => {
    const d = await start();

    const missing = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', token: null });
    const wrong = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', token: `${API_TOKEN}x` });
    const malformed = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', token: null, headers: { authorization: `Token ${API_TOKEN}` } });
    const badSignature = await call(d.url, '/api/v1/sources/site/sync', {
      method: 'POST', token: null, body: '{}', headers: { 'x-hub-signature-256': sign('{}', 'another-secret') },
    });
    const read = await call(d.url, '/api/v1/sources', { token: 'nope' });

    for (const response of [missing, wrong, malformed, badSignature, read]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: expect.any(String) });
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="catalog-sync"');
    }
    expect(await queuedRuns(d)).toBe(0);
    expect(wrong.text).not.toContain(API_TOKEN);
  });

  it('when a webhook is signed with the secret, then it triggers a run of the source', async () => {
    const d = await start();
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc123', pusher: { name: 'dev' } });

    const response = await call(d.url, '/api/v1/sources/site/sync', {
      method: 'POST',
      token: null,
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body), 'x-github-event': 'push', 'x-github-delivery': 'd-1' },
    });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ job: expect.any(String), source: 'site' });
    const job = (response.body as { job: string }).job;
    await waitUntil(async () => (await d.queues.runs.getJobState(job)) === 'completed', 20_000, 'the webhook run');
    const run = (await d.queues.runs.getJob(job))!.returnvalue as unknown as { report: Record<string, unknown> };
    expect(run.report).toMatchObject({ source: 'site', status: 'succeeded', created: 3, reason: 'webhook', requested_by: expect.stringMatching(/^webhook@/) });
    expect([...ctx.fixture.catalog('site').keys()]).toEqual(packageNames(3));
  });

  it('when a webhook host sends its ping event, then it is answered and nothing is queued', async () => {
    const d = await start();
    const body = '{"zen":"Keep it logically awesome."}';

    const response = await call(d.url, '/api/v1/sources/site/sync', {
      method: 'POST', token: null, body, headers: { 'x-hub-signature-256': sign(body), 'x-github-event': 'ping' },
    });

    expect(response.status).toBe(200);
    expect(await queuedRuns(d)).toBe(0);
  });

  it('when a reloaded config brings another webhook secret, then signatures under the old one are refused and the new one accepted', async () => {
    const d = await start();
    const body = '{"zen":"Design for failure."}';
    const ping = (secret: string) =>
      call(d.url, '/api/v1/sources/site/sync', { method: 'POST', token: null, body, headers: { 'x-hub-signature-256': sign(body, secret), 'x-github-event': 'ping' } });
    ctx.fixture.write(SOURCES, { serverLines: [API_SERVER_LINES[0]!, '  webhook_secret: hook-secret-rotated-4b9e'] });

    const result = d.reload(await ctx.fixture.loadConfig());
    const [old, rotated] = [await ping(WEBHOOK_SECRET), await ping('hook-secret-rotated-4b9e')];

    expect(result).toEqual({ reloaded: ['server.webhook_secret'], restart: [] });
    expect([old.status, rotated.status]).toEqual([401, 200]);
  });

  it('when a sync is requested with the token, then it answers 202 with the job, and the run is readable with its report', async () => {
    const d = await start();

    const response = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: JSON.stringify({ requested_by: 'ci-pipeline' }) });

    expect(response.status).toBe(202);
    const { job } = response.body as { job: string };
    await waitUntil(async () => (await d.queues.runs.getJobState(job)) === 'completed', 20_000, 'the run');
    const report = ((await d.queues.runs.getJob(job))!.returnvalue as { report: { run: string } }).report;
    const status = await call(d.url, '/api/v1/sources');
    const one = await call(d.url, `/api/v1/sources/site/runs/${encodeURIComponent(report.run)}`);
    expect(status.status).toBe(200);
    const sources = (status.body as { sources: Array<{ source: string; runs: unknown[] }> }).sources;
    expect(sources.map((s) => s.source)).toEqual(['site', 'other']);
    expect(sources[0]!.runs).toEqual([report]);
    expect(status.body).toHaveProperty('queues.runs');
    expect(one.status).toBe(200);
    // The run route adds the run's operations to the report the listing shows.
    expect(one.body).toEqual({ run: { ...report, operations: packageNames(3).map((name) => ({ kind: 'create', name, uuid: expect.stringMatching(/^[0-9a-f]{32}$/), outcome: 'applied' })) } });
    expect(report).toMatchObject({ reason: 'api', requested_by: 'ci-pipeline', created: 3 });
  });

  it('when a sync is requested twice during a run, then the second is the follow-up, like trigger', async () => {
    const d = await start();
    const first = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST' });
    const second = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST' });
    const third = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST' });

    const jobs = [first, second, third].map((r) => (r.body as { job: string }).job);
    await waitUntil(async () => {
      const states = await Promise.all(jobs.map((job) => d.queues.runs.getJobState(job)));
      return states.every((state) => state === 'completed');
    }, 20_000, 'the runs');
    const results = await Promise.all(jobs.map(async (job) => (await d.queues.runs.getJob(job))!.returnvalue));
    // Each request is a run or folds into the one follow-up: never more runs than two.
    const ran = results.filter((r) => r && 'report' in r).length;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(ran).toBeLessThanOrEqual(2);
  });

  it('when a sync is requested with force, then the queued run is forced and its report says so', async () => {
    const d = await start();

    const response = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: '{"force": true, "requested_by": "release-pipeline"}' });

    expect(response.status).toBe(202);
    const job = (response.body as { job: string }).job;
    expect((await d.queues.runs.getJob(job))!.data).toMatchObject({ source: 'site', reason: 'api', force: true, requested_by: 'release-pipeline' });
    await waitUntil(async () => (await d.queues.runs.getJobState(job)) === 'completed', 20_000, 'the forced run');
    const { report } = (await d.queues.runs.getJob(job))!.returnvalue as unknown as { report: Record<string, unknown> };
    expect(report).toMatchObject({ status: 'succeeded', forced: true, reason: 'api', requested_by: 'release-pipeline' });
    const shown = await call(d.url, `/api/v1/sources/site/runs/${String(report.run)}`);
    expect(shown.body).toMatchObject({ run: { forced: true } });
  });

  it('when a plan waits for approval, then POST approve queues its approve job and POST reject drops the next one, each for who asked', async () => {
    const held = (packages: string[]) => ctx.fixture.write([{ name: 'site', packages }], { serverLines: API_SERVER_LINES, topLines: ['defaults:', '  approval: deletes'] });
    held(packageNames(3));
    daemon = await startLoggedDaemon(ctx.fixture);
    ctx.daemon = daemon;
    const d = daemon;
    const sync = async () => {
      const { job } = (await call(d.url, '/api/v1/sources/site/sync', { method: 'POST' })).body as { job: string };
      await waitUntil(async () => (await d.queues.runs.getJobState(job)) === 'completed', 20_000, 'the run');
    };
    await sync();
    held(packageNames(2));
    await sync();
    const pendingOf = async () => ((await call(d.url, '/api/v1/sources')).body as StatusReport).sources.find((s) => s.source === 'site')!.pending_approval;
    const first = (await pendingOf())!;

    const approve = await call(d.url, '/api/v1/sources/site/approve', { method: 'POST', body: '{"requested_by": "reviewer"}' });
    const { job } = approve.body as { job: string };
    await waitUntil(async () => (await d.queues.runs.getJobState(job)) === 'completed', 20_000, 'the approve run');
    held(packageNames(1));
    await sync();
    const second = (await pendingOf())!;
    const reject = await call(d.url, '/api/v1/sources/site/reject', { method: 'POST' });
    const again = await call(d.url, '/api/v1/sources/site/reject', { method: 'POST' });

    expect(approve.status).toBe(202);
    expect(approve.body).toEqual({ job: `approve-${first.plan_id}`, source: 'site', plan_id: first.plan_id });
    expect((await d.queues.runs.getJob(job))!.returnvalue).toMatchObject({ report: { reason: 'approve', requested_by: 'reviewer', deleted: 1, plan_id: first.plan_id } });
    expect(reject.status).toBe(200);
    expect(reject.body).toEqual({ source: 'site', plan_id: second.plan_id, run: expect.stringMatching(/^site-/) });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ detail: 'no plan of site is pending approval' });
    expect([...ctx.fixture.catalog('site').keys()].sort()).toEqual(packageNames(2));
  });

  it('when requests are wrong, then each gets its status and a detail, and nothing is queued', async () => {
    const d = await start();

    const unknownSource = await call(d.url, '/api/v1/sources/nope/sync', { method: 'POST' });
    const notJson = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: 'force=true' });
    const unknownField = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: '{"forse": true}' });
    const wrongType = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: '{"force": "yes"}' });
    const tooLarge = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: JSON.stringify({ requested_by: 'x'.repeat(70_000) }) });
    const unknownRun = await call(d.url, '/api/v1/sources/site/runs/site-20260101T000000000Z-abcdef');
    const approve = await call(d.url, '/api/v1/sources/site/approve', { method: 'POST' });
    const reject = await call(d.url, '/api/v1/sources/site/reject', { method: 'POST' });
    const wrongMethod = await call(d.url, '/api/v1/sources', { method: 'DELETE' });

    expect(unknownSource.status).toBe(404);
    expect((unknownSource.body as { detail: string }).detail).toBe('unknown source "nope" (configured sources: site, other)');
    for (const bad of [notJson, unknownField, wrongType]) expect(bad.status).toBe(400);
    expect((wrongType.body as { detail: string }).detail).toBe('"force" must be true or false');
    expect(tooLarge.status).toBe(413);
    expect(unknownRun.status).toBe(404);
    expect(approve.status).toBe(404);
    expect(reject.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await queuedRuns(d)).toBe(0);
  });

  it('when every call is made, then each is logged with route, result and requested_by, and no secret is', async () => {
    const d = await start();
    await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', body: '{"requested_by": "alice"}' });
    await call(d.url, '/api/v1/sources/site/sync', { method: 'POST', token: 'wrong-token-123456' });
    await call(d.url, '/api/v1/sources');

    await waitUntil(() => d.logs.filter((l) => l.msg === 'api request').length >= 3, 5_000, 'three log lines');
    const lines = d.logs.filter((l) => l.msg === 'api request');
    expect(lines.map((l) => [l.route, l.status, l.result, l.requested_by])).toEqual([
      ['POST /api/v1/sources/{name}/sync', 202, 'queued', 'alice'],
      ['POST /api/v1/sources/{name}/sync', 401, 'unauthorized', null],
      ['GET /api/v1/sources', 200, 'ok', null],
    ]);
    expect(lines[1]!.level).toBe('warn');
    expect(d.text()).not.toContain(API_TOKEN);
    expect(d.text()).not.toContain(WEBHOOK_SECRET);
    expect(d.text()).not.toContain('wrong-token-123456');
  });

  it('when no API token is configured, then the API routes answer 404 and the probes still work', async () => {
    const d = await start([]);

    const sync = await call(d.url, '/api/v1/sources/site/sync', { method: 'POST' });
    const list = await call(d.url, '/api/v1/sources');
    const health = await call(d.url, '/healthz', { token: null });

    expect(sync.status).toBe(404);
    expect(list.status).toBe(404);
    expect(health.status).toBe(200);
    expect(await queuedRuns(d)).toBe(0);
  });
});
