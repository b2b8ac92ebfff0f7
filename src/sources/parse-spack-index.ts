import { z } from 'zod';
import { checkShape } from './check-shape.js';
import { formatPath } from '../config/format-path.js';
import type { RawDocument } from './types.js';

// packages.spack.io repology.json; unknown fields (dependencies, downloads...) are dropped.
const spackIndexDocument = z.object({
  packages: z.record(
    z.string(),
    z.object({
      summary: z.string().nullable().optional(),
      homepages: z.array(z.string()).nullable().optional(),
      version: z.array(z.object({ version: z.string() })).nullable().optional(),
    }),
  ),
});

/** repology.json -> every Spack package with its summary, first homepage and versions (no targets). */
export function parseSpackIndex(value: unknown, file: string): RawDocument {
  const doc = checkShape(spackIndexDocument, value, file);
  const packages = Object.entries(doc.packages).map(([name, pkg]) => ({
    name,
    description: pkg.summary,
    homepage: pkg.homepages?.[0],
    versions: (pkg.version ?? []).map((v) => ({ version: v.version, targets: [] })),
    origin: formatPath(['packages', name]),
  }));
  return { packages, warnings: [] };
}
