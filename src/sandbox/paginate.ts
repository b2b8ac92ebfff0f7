// Waldur's LinkHeaderPagination: bare JSON array, X-Result-Count, Link with first/prev/next/last,
// `page` 1-based (or "last"), `page_size` default 10, larger than 300 silently clamped.
import type { ApiResponse } from './handler-types.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 300;

function pageSizeOf(raw: string | null): number {
  if (raw === null || !/^\s*\+?\d+\s*$/.test(raw)) return DEFAULT_PAGE_SIZE;
  const size = Number.parseInt(raw, 10);
  if (size <= 0) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

function linkTo(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl.href);
  url.searchParams.set('page', String(page));
  return url.href;
}

/** One page of `items` (or a 404 "Invalid page."), with the headers; `render` serializes the page only. */
export function paginate<T>(items: readonly T[], requestUrl: URL, render: (item: T) => unknown): ApiResponse {
  const size = pageSizeOf(requestUrl.searchParams.get('page_size'));
  const lastPage = Math.max(1, Math.ceil(items.length / size));
  const rawPage = requestUrl.searchParams.get('page');
  const page = rawPage === null ? 1 : rawPage === 'last' ? lastPage : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > lastPage) {
    return { status: 404, body: { detail: 'Invalid page.' } };
  }
  const links: string[] = [];
  links.push(`<${linkTo(requestUrl, 1)}>; rel="first"`);
  if (page > 1) links.push(`<${linkTo(requestUrl, page - 1)}>; rel="prev"`);
  if (page < lastPage) links.push(`<${linkTo(requestUrl, page + 1)}>; rel="next"`);
  links.push(`<${linkTo(requestUrl, lastPage)}>; rel="last"`);
  const start = (page - 1) * size;
  return {
    status: 200,
    body: items.slice(start, start + size).map(render),
    headers: { 'X-Result-Count': String(items.length), Link: links.join(', ') },
  };
}
