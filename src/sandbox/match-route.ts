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
  return match[2] === undefined
    ? { resource, template: base }
    : { resource, id: decodeURIComponent(match[2]), template: `${base}{uuid}/` };
}
