// `catalog-sync sandbox --seed FILE` (the compiled command) as a child process: the Waldur
// stand-in an operator would try the tool against, holding a seeded catalog.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/catalog-sync.js', import.meta.url));

export interface CliSandbox {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function spawnCliSandbox(seedFile: string): Promise<CliSandbox> {
  const child = spawn(process.execPath, [CLI, 'sandbox', '--seed', seedFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    exited.then(([code]) => {
      throw new Error(`catalog-sandbox exited with ${code} before it listened`);
    }),
  ]);
  lines.close();
  child.stdout.resume();
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  return {
    url,
    token,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
