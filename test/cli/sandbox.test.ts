// Runs the real CLI entry in a child process: the command's contract is its stdout line and its
// clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];

function startCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_FORMAT: 'json' },
  });
  children.push(child);
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the sandbox exited before printing its line: ${stderr}`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  return line;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('catalog-sync sandbox', () => {
  it('when started with --port 0, then it prints one JSON line and serves the package list with Link and X-Result-Count', async () => {
    const child = startCli(['sandbox', '--port', '0', '--token', 'cli-test-token', '--seed', 'config/examples/sandbox-seed.yaml']);

    const info = JSON.parse(await firstLine(child)) as { url: string; token: string };
    const res = await fetch(`${info.url}marketplace-software-packages/?page_size=2`, {
      headers: { authorization: `Token ${info.token}` },
    });
    const body = (await res.json()) as unknown[];
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(info.token).toBe('cli-test-token');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-result-count')).toBe('4');
    expect(res.headers.get('link')).toContain('rel="next"');
    expect(body).toHaveLength(2);
    expect(code).toBe(0);
  });

  it('when no token is given, then a random one is generated and printed with the read-only token', async () => {
    const child = startCli(['sandbox', '--port', '0', '--readonly-token', 'reader-token']);

    const info = JSON.parse(await firstLine(child)) as { url: string; token: string; readonly_token: string };
    const write = await fetch(`${info.url}marketplace-software-catalogs/`, {
      method: 'POST',
      headers: { authorization: `Token ${info.readonly_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', version: '1' }),
    });
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(info.token).toMatch(/^[0-9a-f]{40}$/);
    expect(info.readonly_token).toBe('reader-token');
    expect(write.status).toBe(403);
    expect(code).toBe(0);
  });
});
