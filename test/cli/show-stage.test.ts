import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/create-progress.js';
import { showStage } from '../../src/cli/show-stage.js';

function fakeTty() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = true;
  stream.columns = 120;
  return { stream, visible: () => chunks.join('').split('\r\x1b[2K').at(-1) ?? '' };
}

describe('showStage', () => {
  it('when a run moves through its stages, then the progress line names the source and the stage with page counts', () => {
    const tty = fakeTty();
    const progress = createProgress(tty.stream, { enabled: true, intervalMs: 0 });
    const seen: string[] = [];

    showStage(progress, 'site', { stage: 'reading' });
    seen.push(tty.visible());
    showStage(progress, 'site', { stage: 'listing', received: 0, total: null });
    seen.push(tty.visible());
    showStage(progress, 'site', { stage: 'listing', received: 300, total: 350 });
    seen.push(tty.visible());
    showStage(progress, 'site', { stage: 'planning' });
    seen.push(tty.visible());

    expect(seen).toEqual([
      'site: reading upstream',
      'site: listing Waldur packages',
      'site: listing Waldur packages 300/350 (85%)',
      'site: planning',
    ]);
  });
});
