// /api/marketplace-software-packages/ and /{uuid}/: the six operations of the seed API.
import { expectObject, isResponse, methodNotAllowed, notFound, type ApiRequest, type ApiResponse, type HandlerDeps } from './handler-types.js';
import { paginate } from './paginate.js';
import { parseUuid } from './parse-uuid.js';
import type { PackageSelector } from './select-packages.js';
import { serializePackage } from './serialize-package.js';
import type { StoredPackage } from './types.js';
import { validatePackageBody, type PackageChanges } from './validate-package-body.js';

function render(pkg: StoredPackage, req: ApiRequest, deps: HandlerDeps): unknown {
  return serializePackage(pkg, deps.state.getCatalog(pkg.catalogUuid)!, req.root, deps.targetSchema);
}

function applyChanges(pkg: StoredPackage, changes: PackageChanges, deps: HandlerDeps): StoredPackage {
  return deps.state.updatePackage(pkg.uuid, {
    ...(changes.catalog !== undefined ? { catalogUuid: changes.catalog.uuid } : {}),
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.homepage !== undefined ? { homepage: changes.homepage } : {}),
    ...(changes.isExtension !== undefined ? { isExtension: changes.isExtension } : {}),
  });
}

export function createPackageHandler(selector: PackageSelector) {
  return (req: ApiRequest, deps: HandlerDeps): ApiResponse => {
    const { state } = deps;
    if (req.id === undefined) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        const selected = selector.select(req.url);
        if (isResponse(selected)) return selected;
        return paginate(selected, req.url, (e) => serializePackage(e.pkg, e.catalog, req.root, deps.targetSchema));
      }
      if (req.method !== 'POST') return methodNotAllowed(req.method);
      const body = expectObject(req.body);
      if (isResponse(body)) return body;
      const changes = validatePackageBody(body, state, { partial: false });
      if (isResponse(changes)) return changes;
      const created = state.addPackage(changes.catalog!.uuid, {
        name: changes.name!,
        description: changes.description ?? '',
        homepage: changes.homepage ?? null,
        isExtension: changes.isExtension ?? false,
      });
      return { status: 201, body: render(created, req, deps), applied: true };
    }

    const uuid = parseUuid(req.id);
    const pkg = uuid === null ? undefined : state.getPackage(uuid);
    if (!pkg) return notFound();
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return { status: 200, body: render(pkg, req, deps) };
      case 'PUT':
      case 'PATCH': {
        const body = expectObject(req.body);
        if (isResponse(body)) return body;
        const changes = validatePackageBody(body, state, { partial: req.method === 'PATCH', instance: pkg });
        if (isResponse(changes)) return changes;
        return { status: 200, body: render(applyChanges(pkg, changes, deps), req, deps), applied: true };
      }
      case 'DELETE':
        state.deletePackage(pkg.uuid);
        return { status: 204, applied: true };
      default:
        return methodNotAllowed(req.method);
    }
  };
}
