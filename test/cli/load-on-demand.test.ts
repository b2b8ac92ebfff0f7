// Each command loads only what it uses: `--help` and `--version` load no command, and only the
// commands that talk to Redis load BullMQ's Redis client; only the daemon loads prom-client.
// Checked in a fresh process per case, through the CommonJS module cache (ioredis, prom-client,
// undici and pino are CommonJS packages, so loading them, directly or through BullMQ, shows there).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).href;
const WATCHED = ['ioredis', 'prom-client', 'undici', 'pino'] as const;
type Watched = (typeof WATCHED)[number];

/** Runs the CLI with `args` in a fresh process; the watched packages that got loaded. */
async function packagesLoadedBy(...args: string[]): Promise<Watched[]> {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(MAIN)});
    const sink = { write: () => true };
    await main(['node', 'catalog-sync', ...${JSON.stringify(args)}], { stdout: sink, stderr: sink, env: {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const watched = ${JSON.stringify(WATCHED)};
    process.stdout.write(JSON.stringify(watched.filter((name) => loaded.some((file) => file.includes('/node_modules/' + name + '/')))));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
  return JSON.parse(stdout) as Watched[];
}

describe('loading on demand', () => {
  it.each([['--version'], ['--help'], ['help']])('when the CLI runs with %s, then no command and none of its libraries load', async (arg) => {
    expect(await packagesLoadedBy(arg)).toEqual([]);
  });

  it.each([
    ['plan', ['undici', 'pino']],
    ['sync', ['undici', 'pino']],
    ['apply', ['undici', 'pino']],
    ['validate', ['undici', 'pino']],
    ['sandbox', []],
    ['trigger', ['ioredis', 'undici', 'pino']],
    ['approve', ['ioredis', 'undici', 'pino']],
    ['reject', ['ioredis', 'undici', 'pino']],
    ['status', ['ioredis', 'undici', 'pino']],
    ['daemon', ['ioredis', 'prom-client', 'undici', 'pino']],
    // Only printing a script loads every command (to describe their flags); its help loads none.
    ['completion', []],
  ])('when %s is loaded (its --help), then it brings exactly %j of the watched libraries', async (command, expected) => {
    expect((await packagesLoadedBy(command, '--help')).sort()).toEqual([...expected].sort());
  });
});
