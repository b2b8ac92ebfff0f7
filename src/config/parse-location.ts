import { isAbsolute, resolve } from 'node:path';
import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * An upstream location: an http(s) URL (kept as written) or a local path, made absolute
 * against `baseDir` (the config file's folder) so it does not depend on the daemon's cwd.
 */
export function parseLocation(baseDir: string): Parser<string> {
  return fromString((text) => {
    const location = text.trim();
    if (location === '') return fail('must not be empty');
    const scheme = SCHEME.exec(location)?.[1]?.toLowerCase();
    if (scheme === undefined) return ok(isAbsolute(location) ? location : resolve(baseDir, location));
    if (scheme !== 'http' && scheme !== 'https') {
      // The scheme is not repeated: the value may have come from the environment.
      return fail('unsupported URL scheme: use an http(s) URL or a local path');
    }
    return URL.canParse(location) ? ok(location) : fail('is not a valid http(s) URL');
  });
}
