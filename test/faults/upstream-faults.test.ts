// Upstream faults: an upstream that is unreachable, fails, is cut off, is not JSON, has the wrong
// shape, lacks the configured EESSI version or lists nothing must never delete anything, even
// with pruning on and deletes allowed up to 100% of the catalog. Each source fails (or refuses)
// with a clear reason, through the in-process `sync` command and through a running daemon, while
// a healthy source in the same config syncs as usual.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCli } from '../daemon/daemon-harness.js';
import { uniquePrefix } from '../jobs/pipeline-harness.js';
import { startUpstreamServer, type Route, type UpstreamServer } from '../sources/upstream-server.js';
import { generateEessiJson } from '../support/generate-catalog.js';
import { findFreePort } from '../support/redis-server.js';
import { useTestSandbox } from '../support/start-sandbox.js';
import { spawnDaemonProcess, type DaemonChild } from './spawn-daemon-process.js';

const EESSI_VERSION = '2023.06';
/** Packages each faulty source's catalog holds before the run: all would go if upstream were believed. */
const SEEDED = ['Alpha-legacy', 'Beta-legacy', 'Gamma-legacy', 'Delta-legacy'];
const HEALTHY_PACKAGES = 6;

interface FaultCase {
  source: string;
  kind: 'eessi' | 'manifest';
  /** Path on the upstream server; null = a port nobody listens on. */
  path: string | null;
  /** The one error the run must report (after "source <name>: <location>"), or null for a refusal. */
  error: RegExp | string | null;
}

const CASES: FaultCase[] = [
  { source: 'unreachable', kind: 'eessi', path: null, error: /^: request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/ },
  { source: 'server-error', kind: 'eessi', path: '/server-error.json', error: ': HTTP 500' },
  { source: 'truncated', kind: 'eessi', path: '/truncated.json', error: ': request failed: UND_ERR_SOCKET: other side closed' },
  { source: 'invalid-json', kind: 'eessi', path: '/invalid.json', error: ':3:27: invalid JSON: unexpected "}", expected a value' },
  { source: 'wrong-shape', kind: 'eessi', path: '/wrong-shape.json', error: ': software: expected record, received array' },
  { source: 'other-version', kind: 'eessi', path: '/other-version.json', error: `: no software for EESSI version ${EESSI_VERSION} (it has 2025.06)` },
  { source: 'empty-eessi', kind: 'eessi', path: '/empty-eessi.json', error: `: no software for EESSI version ${EESSI_VERSION} (it lists no EESSI software)` },
  { source: 'empty-list', kind: 'manifest', path: '/empty-list.json', error: null },
];

const HEALTHY = { source: 'healthy', kind: 'eessi', path: '/healthy.json' } as const;

const catalogName = (source: string) => `Faults ${source}`;

function serveUpstream(upstream: UpstreamServer, healthyJson: string): void {
  const json = (status: number, body: string): Route => (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  upstream.route('/healthy.json', json(200, healthyJson));
  upstream.route('/server-error.json', (_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Server Error</h1>'));
  upstream.route('/truncated.json', (_req, res) => {
    // Announces the whole document, sends half of it, then the connection dies.
    const body = Buffer.from(healthyJson);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  });
  upstream.route('/invalid.json', json(200, '{\n  "timestamp": "2026-01-01T00:00:00Z",\n  "software": {"GROMACS": }\n}\n'));
  upstream.route('/wrong-shape.json', json(200, JSON.stringify({ timestamp: '2026-01-01', software: [{ name: 'GROMACS' }] })));
  upstream.route('/other-version.json', json(200, generateEessiJson({ packages: 5, eessiVersion: '2025.06', otherEessiVersion: '2025.06', seed: 3 })));
  upstream.route('/empty-eessi.json', json(200, JSON.stringify({ timestamp: '2026-01-01', software: {} })));
  upstream.route('/empty-list.json', json(200, JSON.stringify({ manifest_version: 1, packages: [] })));
}

function sourceYaml(source: string, kind: string, location: string): string[] {
  return [
    `  - name: ${source}`,
    `    kind: ${kind}`,
    `    location: ${location}`,
    ...(kind === 'eessi' ? [`    options: { eessi_version: "${EESSI_VERSION}" }`] : []),
    `    catalog: { name: ${catalogName(source)}, version: "${EESSI_VERSION}", type: binary_runtime, create: true }`,
  ];
}

describe('upstream faults', () => {
  const sandbox = useTestSandbox();
  let upstream: UpstreamServer;
  let deadUrl: string;
  let dir: string;
  let configFile: string;
  let env: NodeJS.ProcessEnv;
  let daemon: DaemonChild | undefined;
  /** catalog uuid -> its packages as stored, taken after seeding. */
  let before: Map<string, string>;

  const locationOf = (c: { path: string | null }) => (c.path === null ? deadUrl : `${upstream.url}${c.path}`);
  const snapshot = (uuid: string) => JSON.stringify(sandbox.current.sandbox.state.listPackages(uuid));

  beforeAll(async () => {
    upstream = await startUpstreamServer();
    serveUpstream(upstream, generateEessiJson({ packages: HEALTHY_PACKAGES, seed: 11 }));
    deadUrl = `http://127.0.0.1:${await findFreePort()}/eessi.json`;
    dir = mkdtempSync(join(tmpdir(), 'upstream-faults-'));
    configFile = join(dir, 'catalog-sync.yaml');
  });
  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    const { sandbox: server, url, token } = sandbox.current;
    env = { ...process.env, WALDUR_URL: url, WALDUR_TOKEN: token, LOG_FORMAT: 'json' };
    const lines = [
      'waldur:',
      '  url: ${WALDUR_URL}',
      '  token: ${WALDUR_TOKEN}',
      'redis:',
      `  url: ${inject('redisUrl')}`,
      `  prefix: "${uniquePrefix('upstream-faults')}"`,
      'server:',
      '  listen: 127.0.0.1:0',
      'defaults:',
      // Deletes allowed up to the whole catalog: only the upstream guards keep the catalogs.
      '  prune: { enabled: true, max_delete: "100%" }',
      'sources:',
      ...CASES.flatMap((c) => sourceYaml(c.source, c.kind, locationOf(c))),
      ...sourceYaml(HEALTHY.source, HEALTHY.kind, locationOf(HEALTHY)),
    ];
    writeFileSync(configFile, `${lines.join('\n')}\n`);
    before = new Map();
    for (const c of CASES) {
      const catalog = server.state.addCatalog({ name: catalogName(c.source), version: EESSI_VERSION, catalogType: 'binary_runtime' });
      for (const name of SEEDED) server.state.addPackage(catalog.uuid, { name, description: `${name} from an older upstream.` });
      before.set(catalog.uuid, snapshot(catalog.uuid));
    }
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
  });

  /** Every faulty source failed (or refused) with its one precise reason; the healthy one synced. */
  function expectReports(runs: Array<Record<string, unknown>>): void {
    const bySource = new Map(runs.map((r) => [r.source as string, r]));
    for (const c of CASES) {
      const run = bySource.get(c.source)!;
      expect(run, c.source).toMatchObject({ deleted: 0, created: 0, updated: 0 });
      if (c.error === null) {
        expect(run, c.source).toMatchObject({ status: 'refused', refused_deletes: SEEDED.length, errors: [] });
        continue;
      }
      expect(run, c.source).toMatchObject({ status: 'failed', errors: [expect.any(String)] });
      const prefix = `source ${c.source}: ${locationOf(c)}`;
      const message = (run.errors as string[])[0]!;
      expect(message.startsWith(prefix), `${c.source}: ${message}`).toBe(true);
      const rest = message.slice(prefix.length);
      if (typeof c.error === 'string') expect(rest, c.source).toBe(c.error);
      else expect(rest, c.source).toMatch(c.error);
    }
    expect(bySource.get(HEALTHY.source)).toMatchObject({ status: 'succeeded', created: HEALTHY_PACKAGES, failed: 0, errors: [] });
  }

  /** Not one DELETE reached the server, and every seeded catalog is exactly as it was. */
  function expectNothingDeleted(): void {
    const server = sandbox.current.sandbox;
    expect(server.stats.count('DELETE')).toBe(0);
    for (const [uuid, stored] of before) expect(snapshot(uuid)).toBe(stored);
    const healthy = server.state.findCatalog(catalogName(HEALTHY.source), EESSI_VERSION)!;
    expect(server.state.packageCount(healthy.uuid)).toBe(HEALTHY_PACKAGES);
  }

  it('when `sync` runs every source in-process, then each faulty upstream fails or refuses with its reason, nothing is deleted and the healthy source syncs', async () => {
    // Act
    const result = await runCli(['sync', '--config', configFile, '--json'], env);

    // Assert
    expect(result.code).toBe(1);
    const { runs } = JSON.parse(result.stdout) as { runs: Array<Record<string, unknown>> };
    expect(runs.map((r) => r.source)).toEqual([...CASES.map((c) => c.source), HEALTHY.source]);
    expectReports(runs);
    expectNothingDeleted();
    expect(result.stderr).not.toContain(sandbox.current.token);
  });

  it('when a running daemon is asked to sync every source, then each faulty upstream fails or refuses, nothing is deleted and the daemon keeps serving the healthy source', async () => {
    // Arrange
    daemon = await spawnDaemonProcess({ configFile, env });

    // Act
    const all = await runCli(['trigger', '--config', configFile, '--all', '--wait', '--json', '--timeout', '90s'], env);
    const again = await runCli(['trigger', '--config', configFile, '--source', HEALTHY.source, '--wait', '--json', '--timeout', '60s'], env);

    // Assert
    expect(all.code).toBe(1);
    expectReports((JSON.parse(all.stdout) as { runs: Array<Record<string, unknown>> }).runs);
    expectNothingDeleted();
    // After every failure the same daemon still runs the healthy source (a no-op by now).
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).runs).toEqual([
      expect.objectContaining({ source: HEALTHY.source, status: 'succeeded', unchanged: HEALTHY_PACKAGES, created: 0, deleted: 0 }),
    ]);
    expect(await daemon.readyz()).toBe(200);
    const failedRuns = daemon.logLines().filter((l) => l.msg === 'run finished' && l.status === 'failed').map((l) => l.source);
    expect(failedRuns.sort()).toEqual(CASES.filter((c) => c.error !== null).map((c) => c.source).sort());
    expect(daemon.output()).not.toContain(sandbox.current.token);
  });
});
