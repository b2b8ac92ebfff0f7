// No Docker engine runs here, so the image's build and start steps are replayed on the host:
// the Dockerfile cannot silently rot (a missing COPY, a dev-only runtime dependency, a broken
// entrypoint or healthcheck all fail this test).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, startRedisServer } from '../support/redis-server.js';
import { startTestSandbox } from '../support/start-sandbox.js';
import { createDockerignore } from './match-dockerignore.js';
import { parseEnv, parseExecForm, readDockerfile, type Stage } from './read-dockerfile.js';
import { hostPath, replayStage, type ReplayedStage } from './replay-dockerfile.js';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const dockerignore = createDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
const buildStage = dockerfile.stages[0]!;
const runtimeStage = dockerfile.stages.at(-1)!;

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

function runCommands(stage: Stage): string[] {
  return argsOf(stage, 'RUN').flatMap((args) => args.split('&&').map((c) => c.trim()));
}

async function buildContextFiles(): Promise<string[]> {
  const { stdout } = await execFileAsync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\0')
    .filter((file) => file !== '' && dockerignore(file) && existsSync(join(ROOT, file)));
}

async function waitForHealthz(url: string, child: { exitCode: number | null }, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return response.status;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** ENV values that are container paths point into the stage's folder on the host. */
function hostEnv(stage: ReplayedStage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stage.env).map(([key, value]) => [key, value.startsWith('/') ? hostPath(stage, value) : value]),
  );
}

describe('Dockerfile', () => {
  it('when read, then it builds with dev dependencies and runs with production ones on the LTS slim image', () => {
    const base = /^node:(\d+)-slim$/.exec(runtimeStage.base);
    const ltsMajor = Number(base?.[1]);

    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage.base).toBe(runtimeStage.base);
    expect(ltsMajor % 2 === 0 && ltsMajor >= 24).toBe(true);
    expect(runCommands(buildStage)).toContainEqual(expect.stringMatching(/^npm ci\b(?!.*--omit=dev)/));
    expect(runCommands(buildStage)).toContain('npm run build');
    expect(runCommands(runtimeStage)).toContainEqual(
      expect.stringMatching(/^npm ci (?=.*--omit=dev)(?=.*--ignore-scripts)/),
    );
    expect(runCommands(runtimeStage)).not.toContain('npm run build');
    expect(argsOf(runtimeStage, 'COPY')).toContainEqual(`--from=${buildStage.name} /app/dist ./dist`);
  });

  it('when read, then the runtime runs as non-root with config at /config, a healthcheck, entrypoint and port', () => {
    const user = argsOf(runtimeStage, 'USER').at(-1) ?? 'root';
    const env = Object.assign({}, ...argsOf(runtimeStage, 'ENV').map(parseEnv)) as Record<string, string>;
    const healthcheck = argsOf(runtimeStage, 'HEALTHCHECK').at(-1) ?? '';

    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(env.CATALOG_SYNC_CONFIG).toBe('/config/catalog-sync.yaml');
    expect(env.CATALOG_SYNC_HEALTHCHECK_URL).toMatch(/^http:\/\/127\.0\.0\.1:9464\/healthz$/);
    expect(healthcheck).toMatch(/--interval=\S+ .*CMD \["node", "-e"/);
    expect(parseExecForm(argsOf(runtimeStage, 'ENTRYPOINT').at(-1) ?? '')).toEqual(['catalog-sync']);
    expect(parseExecForm(argsOf(runtimeStage, 'CMD').at(-1) ?? '')).toEqual(['daemon']);
    expect(argsOf(runtimeStage, 'EXPOSE')).toEqual(['9464']);
  });

  it('when .dockerignore is applied, then only build inputs reach the context, never local secrets', () => {
    const sent = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src/cli/main.ts',
      'bin/catalog-sync.js', 'config/examples/eessi-example.json'];
    const kept = ['node_modules/pino/package.json', 'dist/cli/main.js', '.git/HEAD', 'test/plan/x.test.ts',
      '.env', 'config/.env', 'config/waldur.token', 'src/debug.log', 'deploy/config/catalog-sync.yaml'];

    expect(sent.filter((path) => !dockerignore(path))).toEqual([]);
    expect(kept.filter((path) => dockerignore(path))).toEqual([]);
  });

  describe('when its build and start steps are replayed outside Docker', () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('then the production install starts the daemon, /healthz answers 200 and SIGTERM exits 0', async () => {
      // Arrange: build stage, then runtime stage, each in its own "root filesystem".
      const work = mkdtempSync(join(tmpdir(), 'catalog-sync-image-'));
      cleanups.push(() => rmSync(work, { recursive: true, force: true }));
      const context = { dir: ROOT, files: await buildContextFiles() };
      const stages = new Map<string, ReplayedStage>();
      const npmCiFlags = ['--prefer-offline'];
      const build = await replayStage(buildStage, { root: join(work, 'build'), context, stages, npmCiFlags });
      stages.set(buildStage.name ?? '0', build);
      const runtime = await replayStage(runtimeStage, { root: join(work, 'runtime'), context, stages, npmCiFlags });
      const app = hostPath(runtime, runtime.workdir);

      const [redis, sandbox, port] = await Promise.all([startRedisServer(), startTestSandbox(), findFreePort()]);
      cleanups.push(() => redis.stop(), () => sandbox.close());
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...hostEnv(runtime) };
      const configFile = env.CATALOG_SYNC_CONFIG!;
      mkdirSync(dirname(configFile), { recursive: true });
      writeFileSync(
        configFile,
        [
          'waldur:',
          `  url: ${sandbox.url}`,
          '  token: ${WALDUR_TOKEN}',
          'redis:',
          `  url: ${redis.url}`,
          '  prefix: image-test',
          'server:',
          `  listen: 127.0.0.1:${port}`,
          'sources:',
          '  - name: example',
          '    kind: eessi',
          `    location: ${hostPath(runtime, '/app/config/examples/eessi-example.json')}`,
          '    options: { eessi_version: "2023.06" }',
          '    catalog: { name: Example site, version: "2023.06", type: binary_runtime, create: true }',
          '',
        ].join('\n'),
      );
      const entrypoint = [...(runtime.entrypoint ?? []), ...(runtime.cmd ?? [])];
      const executable = hostPath(runtime, `/usr/local/bin/${entrypoint[0]}`);

      // Act: start the image's ENTRYPOINT + CMD as the container would.
      const daemon = spawn(executable, entrypoint.slice(1), {
        cwd: app,
        env: { ...env, WALDUR_TOKEN: sandbox.token },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      daemon.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      daemon.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        daemon.once('exit', (code, signal) => resolve({ code, signal })),
      );
      cleanups.push(() => void (daemon.exitCode === null && daemon.kill('SIGKILL')));
      const healthUrl = `http://127.0.0.1:${port}/healthz`;
      const status = await waitForHealthz(healthUrl, daemon, 60_000).catch((err: Error) => {
        throw new Error(`${err.message}\n--- daemon output ---\n${output}`);
      });
      const [checkCommand, ...checkArgs] = runtime.healthcheck!.cmd;
      const healthy = await execFileAsync(checkCommand!, checkArgs, {
        env: { ...env, CATALOG_SYNC_HEALTHCHECK_URL: healthUrl },
      }).then(() => 0, (err: { code?: number }) => err.code ?? -1);
      const unhealthy = await execFileAsync(checkCommand!, checkArgs, {
        env: { ...env, CATALOG_SYNC_HEALTHCHECK_URL: `http://127.0.0.1:${await findFreePort()}/healthz` },
      }).then(() => 0, (err: { code?: number }) => err.code ?? -1);
      daemon.kill('SIGTERM');
      const exit = await exited;

      // Assert
      expect(existsSync(join(app, 'node_modules/bullmq/package.json'))).toBe(true);
      expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
      expect(existsSync(join(app, 'node_modules/vitest'))).toBe(false);
      expect(existsSync(join(app, 'src'))).toBe(false);
      expect(existsSync(join(app, 'config/examples/eessi-example.json'))).toBe(true);
      expect(status).toBe(200);
      expect(healthy).toBe(0);
      expect(unhealthy).not.toBe(0);
      expect(exit, output).toEqual({ code: 0, signal: null });
      expect(output).not.toContain(sandbox.token);
    }, 300_000);
  });
});
