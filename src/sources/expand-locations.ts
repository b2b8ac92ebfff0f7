import { isAbsolute, resolve } from 'node:path';
import type { Locations } from '../config/types.js';
import { Aborted, SourceError } from '../errors.js';
import { describeLocation } from './describe-location.js';
import type { ReadContext } from './load-document.js';

/** A glob that matches more files than this is a mistake (a pattern one folder too high). */
export const MAX_MATCHED_FILES = 5000;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// Only these make a local path a pattern (a backslash before one makes it literal, and the path
// is still matched as a pattern so that the backslash is read as an escape).
const GLOB_CHARS = /[*?[{]/;

async function matchPattern(ctx: ReadContext, pattern: string): Promise<string[]> {
  let matches: string[];
  try {
    // Loaded only for a pattern: most sources name their files, and every command would pay for it.
    const { glob } = await import('tinyglobby');
    matches = await glob(pattern, {
      absolute: true,
      onlyFiles: true,
      // A pattern that names a folder must not pull in everything below it.
      expandDirectories: false,
      signal: ctx.signal,
    });
  } catch (err) {
    if (ctx.signal?.aborted) throw new Aborted('upstream read cancelled', { cause: err });
    const reason = err instanceof Error ? err.message : String(err);
    throw new SourceError(`source ${ctx.source.name}: ${describeLocation(pattern)}: cannot expand the pattern: ${reason}`, ctx.source.name, describeLocation(pattern), { cause: err });
  }
  const fail = (reason: string): never => {
    throw new SourceError(`source ${ctx.source.name}: ${describeLocation(pattern)}: ${reason}`, ctx.source.name, describeLocation(pattern));
  };
  // No match is an error, never "no packages": a moved folder must not read as "all removed".
  if (matches.length === 0) fail('no file matches this pattern');
  if (matches.length > MAX_MATCHED_FILES) fail(`matches ${matches.length} files, more than the ${MAX_MATCHED_FILES} allowed`);
  // Code-unit order, not the file system's: "the first file" must not change between runs.
  return matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A source's locations as the files to read, in order: URLs and plain paths as they are, glob
 * patterns of local paths expanded at read time (files come and go between runs). A file named
 * twice is read once.
 */
export async function expandLocations(ctx: ReadContext, location: Locations): Promise<string[]> {
  const out: string[] = [];
  for (const item of typeof location === 'string' ? [location] : location) {
    if (SCHEME.test(item) || !GLOB_CHARS.test(item)) {
      out.push(item);
      continue;
    }
    const pattern = isAbsolute(item) ? item : resolve(ctx.baseDir ?? process.cwd(), item);
    out.push(...(await matchPattern(ctx, pattern)));
  }
  return [...new Set(out)];
}
