// The sandbox's URL space: the two collections and their detail views, under /api/.
export type Resource = 'packages' | 'catalogs';

export interface RouteMatch {
  resource: Resource;
  /** Raw id segment of a detail route. */
  id?: string;
  /** Route with {uuid} in place of the id, as counted in stats. */
  template: string;
}

const COLLECTIONS: Record<string, Resource> = {
  'marketplace-software-packages': 'packages',
  'marketplace-software-catalogs': 'catalogs',
};
const ROUTE = /^\/api\/([a-z-]+)\/(?:([^/]+)\/)?$/;

export function matchRoute(pathname: string): RouteMatch | null {
  const match = ROUTE.exec(pathname);
  if (!match) return null;
  const resource = COLLECTIONS[match[1]!];
  if (!resource) return null;
  const base = `/api/${match[1]}/`;
  if (match[2] === undefined) return { resource, template: base };
  let id: string;
  try {
    id = decodeURIComponent(match[2]);
  } catch {
    return null; // a malformed %-escape matches no object: 404, as Django answers
  }
  return { resource, id, template: `${base}{uuid}/` };
}
