import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/create-progress.js';
import { showStage } from '../../src/cli/show-stage.js';
import { fakeStream } from '../support/fake-tty.js';

describe('showStage', () => {
  it('when a run moves through its stages, then the progress line names the source and the stage with page counts', () => {
    const tty = fakeStream({ isTTY: true, columns: 120 });
    const progress = createProgress(tty.stream, { enabled: true, intervalMs: 0 });
    const seen: string[] = [];

    showStage(progress, 'site', { stage: 'reading' });
    seen.push(tty.visibleLine());
    showStage(progress, 'site', { stage: 'listing', received: 0, total: null });
    seen.push(tty.visibleLine());
    showStage(progress, 'site', { stage: 'listing', received: 300, total: 350 });
    seen.push(tty.visibleLine());
    showStage(progress, 'site', { stage: 'planning' });
    seen.push(tty.visibleLine());

    expect(seen).toEqual([
      'site: reading upstream',
      'site: listing Waldur packages',
      'site: listing Waldur packages 300/350 (85%)',
      'site: planning',
    ]);
  });
});
