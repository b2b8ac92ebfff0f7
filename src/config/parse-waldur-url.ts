import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

const NOT_HTTP = 'must be an http(s) URL of the Waldur API root, e.g. https://waldur.example.org/api/';

/**
 * waldur.url: the API root (…/api/), http or https. Always ends with "/" so that resource
 * paths resolve under it. Credentials, queries and fragments are refused: the token goes in a
 * header, and the URL appears in logs.
 */
export const parseWaldurUrl: Parser<string> = fromString((text) => {
  const url = URL.canParse(text.trim()) ? new URL(text.trim()) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail(NOT_HTTP);
  if (url.username || url.password) return fail('must not contain a user name or password (use token or token_file)');
  if (url.search || url.hash) return fail('must not have a query or fragment (it is the API root)');
  return ok(url.href.endsWith('/') ? url.href : `${url.href}/`);
});
