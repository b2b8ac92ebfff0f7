import type { Route } from './types.js';

export type RouteMatch =
  | { route: Route; params: Record<string, string> }
  /** The path exists, not for this method. */
  | { allow: string[] };

function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const segment = want[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (got[i] === '') return null;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(got[i]!);
      } catch {
        return null; // a malformed %-escape names nothing
      }
    } else if (segment !== got[i]) {
      return null;
    }
  }
  return params;
}

/** The route for a method and path (HEAD is served by GET routes), or the methods it allows, or null. */
export function matchRoute(routes: Route[], method: string, pathname: string): RouteMatch | null {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === wanted) return { route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { allow } : null;
}
