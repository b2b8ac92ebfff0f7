import type { RunProgress } from '../sync/types.js';
import type { Progress } from './create-progress.js';

/** An onProgress for applying a source's operations: starts the `applying` phase, then counts. */
export function showApplyProgress(progress: Progress, source: string): (state: RunProgress) => void {
  let applying = false;
  return ({ done, total }) => {
    if (!applying) progress.phase(`${source}: applying`);
    applying = true;
    progress.update(done, total);
  };
}
