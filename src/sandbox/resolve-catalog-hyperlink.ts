// DRF HyperlinkedRelatedField.to_internal_value for the package's `catalog` field: only the path
// of an http(s) URL is resolved (the host is not checked), a bare uuid matches no URL.
import { matchRoute } from './match-route.js';
import { parseUuid } from './parse-uuid.js';
import type { FieldCheck } from './validate-fields.js';
import type { SandboxState, StoredCatalog } from './types.js';

export function resolveCatalogHyperlink(raw: unknown, state: SandboxState): FieldCheck<StoredCatalog> {
  if (raw === null) return { ok: false, errors: ['This field may not be null.'] };
  if (typeof raw !== 'string') {
    const type = typeof raw === 'number' ? (Number.isInteger(raw) ? 'int' : 'float') : Array.isArray(raw) ? 'list' : typeof raw === 'boolean' ? 'bool' : 'dict';
    return { ok: false, errors: [`Incorrect type. Expected URL string, received ${type}.`] };
  }
  let path = raw;
  if (raw.startsWith('http:') || raw.startsWith('https:')) {
    try {
      path = new URL(raw).pathname; // matchRoute decodes the id once
    } catch {
      return { ok: false, errors: ['Invalid hyperlink - No URL match.'] };
    }
  }
  const route = matchRoute(path);
  if (!route) return { ok: false, errors: ['Invalid hyperlink - No URL match.'] };
  if (route.resource !== 'catalogs' || route.id === undefined) {
    return { ok: false, errors: ['Invalid hyperlink - Incorrect URL match.'] };
  }
  const uuid = parseUuid(route.id);
  const catalog = uuid === null ? undefined : state.getCatalog(uuid);
  return catalog ? { ok: true, value: catalog } : { ok: false, errors: ['Invalid hyperlink - Object does not exist.'] };
}
