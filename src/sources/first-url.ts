import { normalizeHomepage } from '../normalize.js';

/**
 * The first token of a free-text URL field that Waldur accepts as an http(s) homepage. Lmod
 * `url` values are often lists with notes ("https://a.org/, https://b.org/x (changelog)") or
 * placeholders ("..."); tokens are split on commas and white space.
 */
export function firstUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  for (const token of text.split(/[\s,]+/)) {
    // Notes around a URL: "<https://a.org>", "(https://a.org)", "https://a.org;".
    const candidate = token.replace(/^[(<"']+|[)>"';]+$/g, '');
    if (!/^https?:\/\//i.test(candidate)) continue;
    const { value } = normalizeHomepage(candidate);
    if (value !== null) return value;
  }
  return null;
}
