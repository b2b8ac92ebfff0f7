import type { ManagedFields } from '../model.js';
import { homepageFromApi, normalizeText } from '../normalize.js';
import type { FieldChange } from './types.js';

/**
 * The managed fields that differ, compared as Waldur stores them (stripped; "" and null homepage
 * equal), so a change the server's normalization would erase is not a change.
 */
export function diffManagedFields(desired: ManagedFields, actual: ManagedFields): FieldChange[] {
  const changes: FieldChange[] = [];
  const newDescription = normalizeText(desired.description);
  const oldDescription = normalizeText(actual.description);
  if (newDescription !== oldDescription) {
    changes.push({ field: 'description', old: oldDescription, new: newDescription });
  }
  const newHomepage = homepageFromApi(desired.homepage);
  const oldHomepage = homepageFromApi(actual.homepage);
  if (newHomepage !== oldHomepage) {
    changes.push({ field: 'homepage', old: oldHomepage, new: newHomepage });
  }
  return changes;
}
