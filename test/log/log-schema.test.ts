// One log schema, held on real output: every line a real daemon process writes through a busy
// life (runs with creates, updates, deletes and refused deletes, Waldur errors and retries, an
// unreadable source, API requests, a config reload, shutdown), and every line of CLI runs, has
// an ISO time, a level word, snake_case keys at every depth, no key twice, `error` as a message,
// and on the daemon a `replica`. A new camelCase key anywhere fails here.
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageNames, runCli, spawnDaemon, useDaemonProcessFixture, waitUntil } from '../daemon/daemon-harness.js';
import { checkLogLine } from '../support/check-log-line.js';

const API_TOKEN = 'schema-api-token-0123456789abcdef';

describe('log lines', () => {
  const t = useDaemonProcessFixture('log-schema');

  const problemsOf = (lines: string[], required: Record<string, unknown> = {}) => lines.flatMap((line) => checkLogLine(line, required));

  it('when a daemon process lives through runs, failures, API calls, a reload and a stop, then each of its lines has the one schema and its replica', async () => {
    // Arrange: debug level, the API on, a source that works and one whose manifest is missing.
    const env = { ...t.fixture.env, LOG_LEVEL: 'debug' };
    const write = (names: string[], revision?: string) => {
      t.fixture.write([{ name: 'site', packages: names, ...(revision ? { revision } : {}) }, { name: 'lost', packages: ['x'] }], {
        serverLines: [`  api_token: ${API_TOKEN}`],
        concurrency: 2,
      });
      writeFileSync(join(t.fixture.dir, 'lost.yaml'), 'packages: [');
    };
    write(packageNames(6));
    const daemon = (t.daemon = await spawnDaemon({ ...t.fixture, env }));
    const trigger = (source: string) => runCli(['trigger', '--config', t.fixture.configFile, '--source', source, '--wait', '--json'], env);

    // Act
    await trigger('site'); // creates
    write(packageNames(5), 'r2'); // updates and a delete
    // Every third request fails: retries (warn lines) and failed operations, the same on every run.
    let calls = 0;
    t.fixture.test.sandbox.setFaults({ errorRate: 0.3, random: () => ((calls += 1) % 3 === 0 ? 0 : 0.99) });
    await trigger('site');
    t.fixture.test.sandbox.setFaults({ errorRate: 0 });
    write(packageNames(1), 'r2'); // 4 of 5 deletes: over max_delete 50%, refused
    await trigger('site');
    await trigger('lost');
    await fetch(`${daemon.url}/api/v1/sources`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    await fetch(`${daemon.url}/api/v1/sources`, { headers: { authorization: 'Bearer wrong' } });
    await fetch(`${daemon.url}/metrics`);
    daemon.child.kill('SIGHUP');
    await waitUntil(() => daemon.logs.some((l) => String(l.msg).startsWith('config reload')), 20_000, 'the reload');
    daemon.child.kill('SIGTERM');
    await daemon.exited;

    // Assert: the life was busy enough to mean something, and every line holds the schema.
    const messages = new Set(daemon.logs.map((l) => l.msg));
    for (const msg of ['daemon started', 'run started', 'planned', 'deletes refused', 'run finished', 'api request', 'daemon stopped']) {
      expect(messages, msg).toContain(msg);
    }
    expect(daemon.logs.some((l) => l.level === 'error' && typeof l.error === 'string')).toBe(true);
    expect(daemon.logs.some((l) => l.level === 'debug')).toBe(true);
    expect(daemon.lines.length).toBe(daemon.logs.length);
    expect(problemsOf(daemon.lines, { replica: `${hostname()}:${daemon.child.pid}` })).toEqual([]);
  });

  it('when CLI commands run (plan, sync with a failing source, validate), then each line on stderr has the one schema', async () => {
    // Arrange
    t.fixture.write([{ name: 'site', packages: packageNames(3) }, { name: 'lost', packages: ['x'] }]);
    writeFileSync(join(t.fixture.dir, 'lost.yaml'), 'packages: [');
    const env = { ...t.fixture.env, LOG_LEVEL: 'debug' };
    const cli = (...args: string[]) => runCli([...args, '--config', t.fixture.configFile], env);

    // Act
    const runs = [await cli('plan'), await cli('sync'), await cli('validate'), await cli('sync', '--source', 'site', '--json')];

    // Assert
    const lines = runs.flatMap((r) => r.stderr.split('\n').filter(Boolean));
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 0]);
    expect(lines.some((l) => l.includes('"level":"debug"'))).toBe(true);
    expect(lines.some((l) => l.includes('"level":"error"'))).toBe(true);
    expect(problemsOf(lines)).toEqual([]);
  });
});
