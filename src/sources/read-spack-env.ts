import { z } from 'zod';
import type { SourceWarning } from '../model.js';
import type { ReadContext } from './load-document.js';
import { parseJsonText } from './parse-json-text.js';
import { parseSourceOptions } from './parse-source-options.js';
import { parseSpackEnv } from './parse-spack-env.js';
import { parseSpackIndex } from './parse-spack-index.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';
import type { RawPackage } from './types.js';

const spackEnvOptions = z.object({
  include: z.enum(['all', 'roots']).optional(),
  index: z.string().min(1).optional(),
});

/** Descriptions and homepages from a spack-index document; new objects, the cached parse stays intact. */
function describeFromIndex(packages: RawPackage[], index: RawPackage[], warnings: SourceWarning[]): RawPackage[] {
  const byName = new Map(index.map((p) => [p.name, p]));
  let missing = 0;
  const described = packages.map((pkg) => {
    const known = byName.get(pkg.name);
    if (!known) missing += 1;
    return known ? { ...pkg, description: known.description, homepage: known.homepage } : pkg;
  });
  if (missing > 0) warnings.push({ message: `${missing} package(s) not in the Spack index: no description or homepage` });
  return described;
}

/** kind: spack-env — spack.lock files, optionally described by a spack-index file (options.index). */
export async function readSpackEnv(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  const options = parseSourceOptions(spackEnvOptions, ctx.source);
  const include = options.include ?? 'all';
  const locks = await readEachFile(ctx, locations, `spack-env:${include}`, (text, file) =>
    parseSpackEnv(parseJsonText(text, file), file, { include }),
  );
  if (options.index === undefined) return locks;
  const index = await readEachFile(
    ctx,
    [options.index],
    'spack-index',
    (text, file) => parseSpackIndex(parseJsonText(text, file), file),
    'index',
  );
  const warnings = [...locks.warnings];
  const packages = describeFromIndex(locks.packages, index.packages, warnings);
  return { packages, warnings, itemErrors: locks.itemErrors, files: [...locks.files, ...index.files] };
}
