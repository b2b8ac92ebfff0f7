import type { PrepareStage } from '../sync/types.js';
import type { Progress } from './create-progress.js';

/** Shows where a source's run is (reading upstream, listing Waldur page by page, planning). */
export function showStage(progress: Progress, source: string, stage: PrepareStage): void {
  if (stage.stage === 'reading') progress.phase(`${source}: reading upstream`);
  else if (stage.stage === 'planning') progress.phase(`${source}: planning`);
  else if (stage.received === 0) progress.phase(`${source}: listing Waldur packages`);
  else progress.update(stage.received, stage.total ?? undefined);
}
