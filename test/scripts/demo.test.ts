import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run demo', () => {
  it('when the demo runs with nothing configured, then it syncs, shows a second run changing nothing, and exits 0', async () => {
    // Arrange: no Waldur and no Redis in the environment.
    const { REDIS_URL: _r, WALDUR_URL: _w, WALDUR_TOKEN: _t, ...env } = process.env;

    // Act
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.once('exit', (code) => resolve({ code, out }));
    });

    // Assert
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('6 to create, 1 to update, 1 to delete, 1 refused, 0 unchanged');
    expect(result.out).toMatch(/Sync eessi-2023-06: succeeded - 6 created, 1 updated, 1 deleted/);
    expect(result.out).toMatch(/Sync eessi-2023-06: succeeded - 0 created, 0 updated, 0 deleted, 7 unchanged/);
    expect(result.out).toMatch(/Sync site-modules: succeeded - 0 created, 0 updated, 0 deleted, 4 unchanged/);
    expect(result.out).toContain('daemon exited with code 0');
  }, 120_000);
});
