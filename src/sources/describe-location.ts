// Locations appear in errors, logs and reports; a URL may carry credentials (user:pass@host or
// a signed query) that must not travel that far. Local paths are shown relative to the working
// directory when they are inside it.
import { displayPath } from '../config/display-path.js';

const SECRET_PARAM = /token|key|sig|secret|pass|auth|cred/i;

/**
 * The location as it may be shown: URL user-info and secret-looking query values are masked.
 * A list (a source read from several files) is shown as its items, comma-separated.
 */
export function describeLocation(location: string | readonly string[]): string {
  if (typeof location !== 'string') return location.map((item) => describeLocation(item)).join(', ');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return displayPath(location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location.replace(/\/\/[^/@]*@/, '//***@');
  }
  if (url.username || url.password) {
    url.username = '***';
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) url.searchParams.set(key, '***');
  }
  return url.toString();
}
