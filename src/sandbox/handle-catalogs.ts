// /api/marketplace-software-catalogs/ and /{uuid}/: full CRUD; deleting a catalog deletes its packages.
import { expectObject, isResponse, methodNotAllowed, notFound, type ApiRequest, type ApiResponse, type HandlerDeps } from './handler-types.js';
import { paginate } from './paginate.js';
import { parseUuid } from './parse-uuid.js';
import { serializeCatalog } from './serialize-catalog.js';
import type { StoredCatalog } from './types.js';
import { validateCatalogBody } from './validate-catalog-body.js';

const ORDER_FIELDS = ['name', 'version', 'created', 'modified'] as const;

function selectCatalogs(req: ApiRequest, deps: HandlerDeps): StoredCatalog[] | ApiResponse {
  const name = req.url.searchParams.get('name');
  const version = req.url.searchParams.get('version');
  const terms = (req.url.searchParams.get('o') ?? 'name').split(',').map((s) => s.trim()).filter(Boolean);
  for (const term of terms) {
    if (!(ORDER_FIELDS as readonly string[]).includes(term.replace(/^-/, ''))) {
      return { status: 400, body: { o: [`Select a valid choice. ${term} is not one of the available choices.`] } };
    }
  }
  const has = (value: string, needle: string | null): boolean => !needle || value.toUpperCase().includes(needle.toUpperCase());
  const catalogs = deps.state.listCatalogs().filter((c) => has(c.name, name) && has(c.version, version));
  return catalogs.sort((a, b) => {
    for (const term of terms) {
      const field = term.replace(/^-/, '') as (typeof ORDER_FIELDS)[number];
      if (a[field] !== b[field]) return (a[field] < b[field] ? -1 : 1) * (term.startsWith('-') ? -1 : 1);
    }
    return a.created < b.created ? -1 : a.created > b.created ? 1 : 0;
  });
}

export function handleCatalogs(req: ApiRequest, deps: HandlerDeps): ApiResponse {
  const { state } = deps;
  const render = (catalog: StoredCatalog): unknown => serializeCatalog(catalog, state, req.root);
  if (req.id === undefined) {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const selected = selectCatalogs(req, deps);
      return isResponse(selected) ? selected : paginate(selected, req.url, render);
    }
    if (req.method !== 'POST') return methodNotAllowed(req.method);
    const body = expectObject(req.body);
    if (isResponse(body)) return body;
    const changes = validateCatalogBody(body, state, { partial: false });
    if (isResponse(changes)) return changes;
    const created = state.addCatalog({ name: changes.name!, version: changes.version!, ...changes });
    return { status: 201, body: render(created), applied: true };
  }

  const uuid = parseUuid(req.id);
  const catalog = uuid === null ? undefined : state.getCatalog(uuid);
  if (!catalog) return notFound();
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return { status: 200, body: render(catalog) };
    case 'PUT':
    case 'PATCH': {
      const body = expectObject(req.body);
      if (isResponse(body)) return body;
      const changes = validateCatalogBody(body, state, { partial: req.method === 'PATCH', instance: catalog });
      if (isResponse(changes)) return changes;
      return { status: 200, body: render(state.updateCatalog(catalog.uuid, changes)), applied: true };
    }
    case 'DELETE':
      state.deleteCatalog(catalog.uuid);
      return { status: 204, applied: true };
    default:
      return methodNotAllowed(req.method);
  }
}
