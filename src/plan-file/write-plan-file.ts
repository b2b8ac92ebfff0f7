import { rename, writeFile } from 'node:fs/promises';
import type { PlanFile } from './types.js';

/** Writes the plan as indented JSON; through a temporary file, so a reader never sees half a plan. */
export async function writePlanFile(file: string, plan: PlanFile): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(plan, null, 2)}\n`, { encoding: 'utf8', mode: 0o644 });
  await rename(temporary, file);
}
