import { z } from 'zod';

// The native manifest format (a public contract). config/manifest.schema.json is generated from
// this schema (see manifestJsonSchema) and a test keeps the two identical. A stricter quick check
// of one package (is-plain-manifest-package.ts) spares large JSON manifests most schema calls: a
// change that makes this schema stricter must make that check stricter too (its test tells).

const target = z
  .strictObject({
    cpu_family: z.string().min(1).describe('CPU family, e.g. x86_64, aarch64, ppc64le, riscv64.'),
    cpu_microarchitecture: z.string().min(1).describe('Microarchitecture, e.g. generic, zen2, icelake, neoverse_v1.'),
    path: z.string().optional().describe('Install location of this build (module path, prefix or URL). Default: empty.'),
  })
  .describe('One build of a version for one CPU target.');

const version = z
  .strictObject({
    version: z.string().min(1).describe('Version string. Quote it in YAML: an unquoted 1.10 is read as the number 1.1.'),
    release_date: z.iso.date().nullable().optional().describe('Release date, YYYY-MM-DD.'),
    targets: z.array(target).optional().describe('CPU targets this version is installed for.'),
  })
  .describe('One installed version of the package.');

export const manifestPackage = z
  .strictObject({
    name: z
      .string()
      .describe(
        'Package name, unique (case-sensitive) in the catalog. Trimmed; an empty name, one longer ' +
          'than 200 characters or one with control characters is skipped and reported.',
      ),
    description: z.string().nullable().optional().describe('Free text; surrounding whitespace is trimmed.'),
    homepage: z
      .string()
      .nullable()
      .optional()
      .describe('http(s) URL of at most 200 characters; anything else is dropped with a warning.'),
    is_extension: z.boolean().optional().describe('The package is an extension inside another package (e.g. a Python module).'),
    versions: z.array(version).optional(),
  })
  .describe('One software package of the catalog.');

export const manifestSchema = z
  .strictObject({
    manifest_version: z.literal(1).optional().describe('Format version; 1 when given.'),
    packages: z
      .array(manifestPackage)
      .describe(
        'Every package of the catalog. An empty list is valid data (the sync still refuses to ' +
          'delete everything unless prune.allow_empty is set).',
      ),
  })
  .meta({
    title: 'waldur-catalog-sync software manifest',
    description: 'A site software catalog for `kind: manifest` sources of waldur-catalog-sync.',
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestPackage = z.infer<typeof manifestPackage>;

/** The JSON Schema (draft 2020-12) of the manifest format, for editors and other tools. */
export function manifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(manifestSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
