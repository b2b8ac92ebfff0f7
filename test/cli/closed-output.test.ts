import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/catalog-sync.js', import.meta.url));

describe('the catalog-sync executable', () => {
  it('when its reader closes the output early (`| head`), then it ends quietly with its exit code', async () => {
    // Arrange: the read end is closed before the command writes, so its first write fails with EPIPE.
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    // Act
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    // Assert
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
