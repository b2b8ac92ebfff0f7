// The `proxy` section. Proxy URLs may carry a user name and password: messages never repeat them.
import { describeValue } from './describe-value.js';
import { expectString, fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

const URL_HINT = 'must be an http:// or https:// URL of the proxy, e.g. http://proxy.example.org:3128';

/** proxy.url: http(s)://[user:password@]host[:port][/] and nothing more. */
export const parseProxyUrl: Parser<string> = fromString((text) => {
  const url = URL.canParse(text.trim()) ? new URL(text.trim()) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return fail(URL_HINT);
  if (url.pathname !== '/' || url.search || url.hash) return fail(`${URL_HINT} (no path, query or fragment)`);
  return ok(text.trim());
});

/**
 * proxy.no_proxy: host names (`example.org` also covers its subdomains; `.example.org` and
 * `*.example.org` only those), addresses, `host:port`, or `*` for every host; as a list or as
 * one comma-separated string (like NO_PROXY, e.g. from `${NO_PROXY}`).
 */
export const parseNoProxy: Parser<string[]> = (value) => {
  let entries: string[];
  if (typeof value === 'string') {
    const text = expectString(value);
    if (!text.ok) return text;
    entries = text.value.split(/[\s,]+/).filter((entry) => entry !== '');
  } else if (Array.isArray(value)) {
    entries = [];
    for (const [index, item] of value.entries()) {
      const text = expectString(item);
      if (!text.ok) return fail(text.message, [index]);
      if (/[\s,]/.test(text.value.trim()) || text.value.trim() === '') return fail('must be one host name, address or pattern', [index]);
      entries.push(text.value.trim());
    }
  } else {
    return fail(`must be a list of host names, or one comma-separated string (got ${describeValue(value)})`);
  }
  if (entries.some((entry) => entry.includes('/'))) return fail('address ranges (CIDR) are not supported: list the host names or addresses');
  if (entries.includes('*') && entries.length > 1) return fail('"*" (every host) must be the only entry');
  return ok(entries);
};
