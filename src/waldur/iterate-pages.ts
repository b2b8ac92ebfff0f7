// Walks a paginated list: bare JSON array per page, X-Result-Count, Link rel="next" followed
// until there is none. Only the path and query of a next link are used, so the token is never
// sent to another host a misconfigured proxy might name.
import { ValidationError } from '../errors.js';
import type { Requester } from './create-requester.js';
import { parseLinkHeader } from './parse-link-header.js';
import type { ListOptions } from './types.js';

export async function* iteratePages(request: Requester, apiUrl: URL, firstPath: string, options: ListOptions = {}): AsyncGenerator<unknown> {
  const seen = new Set<string>();
  let path: string | null = firstPath;
  let page = 0;
  let received = 0;
  while (path !== null) {
    seen.add(path);
    const res = await request('GET', path, { signal: options.signal });
    let items: unknown;
    try {
      items = JSON.parse(res.text);
    } catch {
      items = undefined;
    }
    if (!Array.isArray(items)) {
      throw new ValidationError(`Waldur GET ${path.split('?', 1)[0]} answered with something other than a JSON list`, {});
    }
    page += 1;
    received += items.length;
    const count = Number.parseInt(String(res.headers['x-result-count'] ?? ''), 10);
    options.onPage?.({ page, received, total: Number.isNaN(count) ? null : count });
    yield* items;

    const next = parseLinkHeader(res.headers.link).next;
    if (!next) break;
    const nextUrl = new URL(next, apiUrl);
    path = `${nextUrl.pathname}${nextUrl.search}`;
    if (seen.has(path)) throw new ValidationError(`Waldur's pagination loops: rel="next" points back to ${nextUrl.pathname}${nextUrl.search}`, {});
  }
}
