// Daemon tests: a real sandbox over HTTP, real Redis, manifest sources and a config in a temp
// folder; daemons run in-process (startDaemon) or as child processes of the real CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, inject } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { startDaemon, type Daemon } from '../../src/daemon/start-daemon.js';
import { createLogger } from '../../src/log/create-logger.js';
import { findFreePort } from '../support/redis-server.js';
import { startTestSandbox, type TestSandbox } from '../support/start-sandbox.js';
import { uniquePrefix, waitUntil } from '../jobs/pipeline-harness.js';

export { sleep, uniquePrefix, waitUntil } from '../jobs/pipeline-harness.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Each source syncs its own catalog: `Site <source>` version 2026.1. */
export const catalogName = (source: string) => `Site ${source}`;
const CATALOG_VERSION = '2026.1';

export interface SourceSpec {
  name: string;
  packages: string[];
  schedule?: string;
  /** Description suffix: changing it makes every package an update. */
  revision?: string;
}

export interface WriteOptions {
  listen?: string;
  concurrency?: number;
  /** Instead of the sandbox's URL (e.g. a proxy in front of it). */
  waldurUrl?: string;
  /** `waldur.token_file` instead of `waldur.token: ${WALDUR_TOKEN}`. */
  tokenFile?: string;
  /** More lines under `server:` (indented by the caller), and top-level sections. */
  serverLines?: string[];
  topLines?: string[];
}

export interface DaemonFixture {
  test: TestSandbox;
  dir: string;
  prefix: string;
  redisUrl: string;
  configFile: string;
  env: NodeJS.ProcessEnv;
  /** Rewrites the manifests and the config. */
  write(sources: SourceSpec[], options?: WriteOptions): string;
  loadConfig(): Promise<Config>;
  /** name -> description of a source's catalog in the sandbox. */
  catalog(source: string): Map<string, string>;
  /** How many packages the catalog has under each name (duplicates show as > 1). */
  nameCounts(source: string): number[];
  close(): Promise<void>;
}

function manifestYaml(spec: SourceSpec): string {
  const lines = ['manifest_version: 1', 'packages:'];
  for (const name of spec.packages) {
    lines.push(`  - name: ${name}`, `    description: ${name} for the test site${spec.revision ? ` (${spec.revision})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function startDaemonFixture(options: { redisUrl: string; label: string }): Promise<DaemonFixture> {
  const test = await startTestSandbox();
  const dir = mkdtempSync(join(tmpdir(), `daemon-${options.label}-`));
  const prefix = uniquePrefix(options.label);
  const configFile = join(dir, 'catalog-sync.yaml');
  const env: NodeJS.ProcessEnv = { ...process.env, WALDUR_TOKEN: test.token, LOG_FORMAT: 'json', LOG_LEVEL: 'info' };
  const catalogUuid = (source: string) => test.sandbox.state.findCatalog(catalogName(source), CATALOG_VERSION)?.uuid;
  return {
    test,
    dir,
    prefix,
    redisUrl: options.redisUrl,
    configFile,
    env,
    write(sources, opts = {}) {
      for (const spec of sources) writeFileSync(join(dir, `${spec.name}.yaml`), manifestYaml(spec));
      const yaml = [
        'waldur:',
        `  url: ${opts.waldurUrl ?? test.url}`,
        opts.tokenFile ? `  token_file: ${opts.tokenFile}` : '  token: ${WALDUR_TOKEN}',
        `  concurrency: ${opts.concurrency ?? 4}`,
        'redis:',
        `  url: ${options.redisUrl}`,
        `  prefix: "${prefix}"`,
        'server:',
        `  listen: ${opts.listen ?? '127.0.0.1:0'}`,
        ...(opts.serverLines ?? []),
        ...(opts.topLines ?? []),
        'log:',
        '  level: info',
        'sources:',
        ...sources.flatMap((spec) => [
          `  - name: ${spec.name}`,
          '    kind: manifest',
          `    location: ${spec.name}.yaml`,
          `    catalog: { name: ${catalogName(spec.name)}, version: "${CATALOG_VERSION}", create: true }`,
          `    schedule: ${spec.schedule ? `"${spec.schedule}"` : 'null'}`,
          '    prune: { enabled: true, max_delete: "50%" }',
        ]),
      ];
      writeFileSync(configFile, `${yaml.join('\n')}\n`);
      return configFile;
    },
    loadConfig: () => loadConfig({ file: configFile, env }),
    catalog(source) {
      const uuid = catalogUuid(source);
      const packages = uuid ? test.sandbox.state.listPackages(uuid) : [];
      return new Map(packages.map((p) => [p.name, p.description]));
    },
    nameCounts(source) {
      const uuid = catalogUuid(source);
      const counts = new Map<string, number>();
      for (const p of uuid ? test.sandbox.state.listPackages(uuid) : []) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
      return [...counts.values()];
    },
    close: async () => {
      await test.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const packageNames = (n: number, stem = 'tool') => Array.from({ length: n }, (_, i) => `${stem}-${String(i).padStart(3, '0')}`);

/** A daemon in this process, logging nowhere (or into `lines`). */
export async function startInProcessDaemon(
  fixture: DaemonFixture,
  options: { shutdownTimeoutMs?: number; lockDurationMs?: number; lines?: string[]; followUpPollMs?: number } = {},
): Promise<Daemon> {
  const config = await fixture.loadConfig();
  const lines = options.lines;
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines?.push(String(chunk));
      done();
    },
  });
  // No secret scrubbing here: tests that read `lines` check that nothing logs the token at all.
  const logger = createLogger({ level: lines ? 'debug' : 'silent', format: 'json', destination });
  return startDaemon({
    config,
    logger,
    options: { shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000, lockDurationMs: options.lockDurationMs ?? 5_000, followUpPollMs: options.followUpPollMs ?? 500 },
  });
}

export interface DaemonTestContext {
  fixture: DaemonFixture;
  daemon: Daemon | undefined;
  /** Starts an in-process daemon that is stopped after the test. */
  start(options?: Parameters<typeof startInProcessDaemon>[1]): Promise<Daemon>;
}

/** A fresh fixture (sandbox, temp config, unique prefix on the test Redis) for each test. */
export function useDaemonFixture(label: string): DaemonTestContext {
  const context: DaemonTestContext = {
    fixture: undefined as unknown as DaemonFixture,
    daemon: undefined,
    start: async (options) => (context.daemon = await startInProcessDaemon(context.fixture, options)),
  };
  beforeEach(async () => {
    context.fixture = await startDaemonFixture({ redisUrl: inject('redisUrl'), label });
  });
  afterEach(async () => {
    await context.daemon?.stop();
    context.daemon = undefined;
    await context.fixture.close();
  });
  return context;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process (trigger, status: commands that end by themselves). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        done();
      },
    });
  const code = await main(['node', 'catalog-sync', ...args], { stdout: sink(out), stderr: sink(err), env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

export interface DaemonProcess {
  child: ChildProcess;
  url: string;
  /** Parsed JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** The same lines as written (for checks that parsing would hide, e.g. duplicate keys). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * The real `catalog-sync daemon` as a child process; resolves once it logged "daemon started"
 * (or, with `started: false`, as soon as it runs).
 */
export async function spawnDaemon(
  fixture: DaemonFixture,
  args: string[] = [],
  options: { started?: boolean } = {},
): Promise<DaemonProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'daemon', '--config', fixture.configFile, ...args], {
    cwd: REPO,
    env: fixture.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ raw: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  if (options.started === false) return { child, url: '', logs, lines, exited };
  await waitUntil(
    () => {
      if (gone) throw new Error(`daemon exited early: ${stderr}${JSON.stringify(logs.slice(-5))}`);
      return logs.some((l) => l.msg === 'daemon started');
    },
    30_000,
    'the daemon to start',
  );
  const url = logs.find((l) => l.msg === 'daemon started')!.url as string;
  return { child, url, logs, lines, exited };
}

export async function stopProcess(daemon: DaemonProcess | undefined): Promise<void> {
  if (!daemon || daemon.child.exitCode !== null || daemon.child.signalCode !== null) return;
  daemon.child.kill('SIGKILL');
  await daemon.exited;
}

export { findFreePort };

export interface DaemonProcessContext {
  fixture: DaemonFixture;
  /** The daemon process the test spawned, killed after the test. */
  daemon: DaemonProcess | undefined;
}

/** A fresh fixture for each test, for tests that spawn the real daemon process. */
export function useDaemonProcessFixture(label: string): DaemonProcessContext {
  const context: DaemonProcessContext = { fixture: undefined as unknown as DaemonFixture, daemon: undefined };
  beforeEach(async () => {
    context.fixture = await startDaemonFixture({ redisUrl: inject('redisUrl'), label });
  });
  afterEach(async () => {
    await stopProcess(context.daemon);
    context.daemon = undefined;
    await context.fixture.close();
  });
  return context;
}
