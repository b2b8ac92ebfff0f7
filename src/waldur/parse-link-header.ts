/** RFC 8288 Link header -> { rel: url }, e.g. `<https://x/?page=2>; rel="next"` -> { next: ... }. */
export function parseLinkHeader(header: string | string[] | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  const text = Array.isArray(header) ? header.join(', ') : header;
  for (const match of text.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const [, url, params] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const name of names) links[name.toLowerCase()] ??= url!;
  }
  return links;
}
