// Webhooks out through the notify queue: a real daemon, real Redis, local receivers.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueRun } from '../../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../../src/jobs/wait-for-run.js';
import { packageNames, sleep, useDaemonFixture, waitUntil } from '../daemon-harness.js';
import { refuseCreateOf, startLoggedDaemon, startReceiver, startRefusingProxy, type LoggedDaemon, type Receiver } from './http-harness.js';

const SECRET = 'notify-secret-3f9a2c71';
const FAST = { backoffMs: 100, timeoutMs: 2_000 };

const notificationLines = (targets: Array<{ url: string; events: string; secret?: string; format?: string }>) => [
  'notifications:',
  ...targets.flatMap((t) => [
    `  - url: ${t.url}`,
    `    events: ${t.events}`,
    ...(t.secret ? [`    secret: ${t.secret}`] : []),
    ...(t.format ? [`    format: ${t.format}`] : []),
  ]),
];

describe('notifications', () => {
  const ctx = useDaemonFixture('notify');
  const receivers: Receiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  const receiver = async (statuses?: number[]) => {
    const r = await startReceiver(statuses);
    receivers.push(r);
    return r;
  };
  const run = async (d: LoggedDaemon, source = 'site') => waitForRun(d.queues.runs, await enqueueRun(d.queues.runs, { source, reason: 'trigger' }), { timeoutMs: 20_000 });

  it('when a run writes, then exactly one signed changed notification reaches the receiver', async () => {
    const hook = await receiver();
    ctx.fixture.write([{ name: 'site', packages: packageNames(3) }], {
      topLines: notificationLines([{ url: `${hook.url}/hooks/catalog`, events: '[changed, failed]', secret: SECRET }]),
    });
    const d = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = d;

    const report = await run(d);
    await waitUntil(() => hook.requests.length >= 1, 10_000, 'the notification');
    await sleep(500);

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request!.path).toBe('/hooks/catalog');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-catalog-sync-event']).toBe('changed');
    const expected = `sha256=${createHmac('sha256', SECRET).update(request!.body).digest('hex')}`;
    expect(request!.headers['x-catalog-sync-signature-256']).toBe(expected);
    expect(JSON.parse(request!.body)).toEqual({ event: 'changed', source: 'site', run: report.run, status: 'succeeded', report });
    expect(d.text()).not.toContain('/hooks/catalog');
  });

  it('when a run holds a plan for approval, then a pending_approval notification carries it', async () => {
    const hook = await receiver();
    const write = (packages: string[]) =>
      ctx.fixture.write([{ name: 'site', packages }], {
        topLines: ['defaults:', '  approval: deletes', ...notificationLines([{ url: `${hook.url}/hooks/approve`, events: '[pending_approval]' }])],
      });
    write(packageNames(4));
    const d = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = d;
    await run(d);
    write(packageNames(3));

    const report = await run(d);
    await waitUntil(() => hook.requests.length >= 1, 10_000, 'the notification');

    expect(hook.requests).toHaveLength(1);
    const body = JSON.parse(hook.requests[0]!.body) as { event: string; report: Record<string, unknown> };
    expect(body.event).toBe('pending_approval');
    expect(body.report.pending_approval).toEqual({ plan_id: expect.stringMatching(/^plan-/), created_at: expect.any(String), create: 0, update: 0, delete: 1 });
    expect(report.pending_approval).toEqual(body.report.pending_approval);
  });

  it('when the receiver answers 500 twice and then 200, then it still gets the notification once', async () => {
    const hook = await receiver([500, 500, 200]);
    ctx.fixture.write([{ name: 'site', packages: packageNames(2) }], {
      topLines: notificationLines([{ url: hook.url, events: '[changed]', secret: SECRET }]),
    });
    const d = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = d;

    await run(d);
    await waitUntil(() => hook.requests.length >= 3, 15_000, 'three attempts');
    await sleep(1_000);

    expect(hook.requests.map((r) => r.headers['x-catalog-sync-event'])).toEqual(['changed', 'changed', 'changed']);
    // The same delivery id on each attempt: what a receiver dedupes on.
    expect(new Set(hook.requests.map((r) => r.headers['x-catalog-sync-delivery'])).size).toBe(1);
    const warnings = d.logs.filter((l) => l.msg === 'notification not delivered; will retry');
    expect(warnings.map((w) => [w.level, w.attempt, w.error])).toEqual([
      ['warn', 1, 'the receiver answered HTTP 500'],
      ['warn', 2, 'the receiver answered HTTP 500'],
    ]);
    expect(d.logs.filter((l) => l.msg === 'notification delivered')).toHaveLength(1);
  });

  it('when a run changes nothing, then no changed notification is sent', async () => {
    const hook = await receiver();
    ctx.fixture.write([{ name: 'site', packages: packageNames(2) }], {
      topLines: notificationLines([{ url: hook.url, events: '[changed]' }]),
    });
    const d = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = d;
    await run(d);
    await waitUntil(() => hook.requests.length >= 1, 10_000, 'the first notification');

    const second = await run(d);
    await sleep(1_000);

    expect(second).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]!.headers['x-catalog-sync-signature-256']).toBeUndefined();
  });

  it('when the receiver is down, then the run still succeeds at once and the failure is counted and logged at warn', async () => {
    const gone = await receiver();
    const url = `${gone.url}/T000/B000/secret-path`;
    await gone.close();
    receivers.splice(receivers.indexOf(gone), 1);
    ctx.fixture.write([{ name: 'site', packages: packageNames(2) }], {
      topLines: notificationLines([{ url, events: '[changed]', format: 'slack' }]),
    });
    const d = await startLoggedDaemon(ctx.fixture, { ...FAST, attempts: 2 });
    ctx.daemon = d;

    const report = await run(d);

    expect(report.status).toBe('succeeded');
    await waitUntil(() => d.logs.some((l) => l.msg === 'notification not delivered; giving up'), 10_000, 'the last attempt');
    const metrics = await (await fetch(`${d.url}/metrics`)).text();
    expect(metrics).toContain('catalog_sync_notifications_total{event="changed",result="failed"} 1');
    const failures = d.logs.filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('notification not delivered'));
    expect(failures.every((l) => l.level === 'warn' && l.target === `${new URL(url).origin}/…`)).toBe(true);
    expect(d.text()).not.toContain('secret-path');
  });

  it('when the daemon restarts while a notification waits for its retry, then the next daemon delivers it', async () => {
    const hook = await receiver([503, 200]);
    ctx.fixture.write([{ name: 'site', packages: packageNames(2) }], {
      topLines: notificationLines([{ url: hook.url, events: '[changed]' }]),
    });
    const first = await startLoggedDaemon(ctx.fixture, { ...FAST, backoffMs: 1_500 });
    ctx.daemon = first;
    await run(first);
    await waitUntil(() => hook.requests.length >= 1, 10_000, 'the first attempt');

    await first.stop();
    const second = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = second;
    await waitUntil(() => hook.requests.length >= 2, 15_000, 'the retry by the next daemon');
    await sleep(500);

    expect(hook.requests).toHaveLength(2);
    expect(second.logs.filter((l) => l.msg === 'notification delivered')).toHaveLength(1);
  });

  it('when a run fails partly and the target is slack, then one failed text names the failure and escapes what it quotes', async () => {
    const hook = await receiver();
    const proxy = await startRefusingProxy(ctx.fixture.test.url, refuseCreateOf('bad<&>tool', 'is <b>not</b> allowed'));
    receivers.push(proxy as Receiver);
    ctx.fixture.write([{ name: 'site', packages: ['ok-tool', 'bad<&>tool'] }], {
      waldurUrl: proxy.url,
      topLines: notificationLines([{ url: hook.url, events: '[failed]', format: 'slack' }]),
    });
    const d = await startLoggedDaemon(ctx.fixture, FAST);
    ctx.daemon = d;

    const report = await run(d);
    await waitUntil(() => hook.requests.length >= 1, 10_000, 'the notification');
    await sleep(500);

    expect(report).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    expect(hook.requests).toHaveLength(1);
    const { text } = JSON.parse(hook.requests[0]!.body) as { text: string };
    expect(text).toContain('*site* run partial');
    expect(text).toContain('bad&lt;&amp;&gt;tool');
    expect(text).toContain('&lt;b&gt;not&lt;/b&gt; allowed');
    expect(text).not.toContain('<');
  });
});
