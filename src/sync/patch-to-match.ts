import type { ActualPackage, ManagedFields } from '../model.js';
import { diffManagedFields } from '../plan/diff-managed-fields.js';
import type { PackageWrite, WaldurClient } from '../waldur/types.js';

/** PATCHes only the managed fields that differ; returns the number of writes sent (0 or 1). */
export async function patchToMatch(
  client: WaldurClient,
  existing: ActualPackage,
  fields: ManagedFields,
  signal?: AbortSignal,
): Promise<number> {
  const changes = diffManagedFields(fields, existing);
  if (changes.length === 0) return 0;
  const body: Partial<PackageWrite> = Object.fromEntries(changes.map((c) => [c.field, c.new]));
  await client.patchPackage(existing.uuid, body, { signal });
  return 1;
}
