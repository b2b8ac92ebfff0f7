import { z } from 'zod';

// EESSI's API metadata. Unknown fields are allowed and dropped: upstream adds fields often,
// and only these are read. A stricter quick check (is-plain-eessi-document.ts) spares most
// documents this schema: a change that makes the schema stricter must make that check stricter
// too (its test tells).

/** Newer files: `{module_name, module_version}` objects; older ones: "Name/Version" strings. */
export const eessiModuleRef = z.union([
  z.string(),
  z.object({
    full_module_name: z.string().optional(),
    module_name: z.string().optional(),
    module_version: z.string().optional(),
  }),
]);

const optionalText = z.string().nullable().optional();

export const eessiVersionEntry = z.object({
  version: z.string().optional(),
  module: eessiModuleRef.optional(),
  /** Older files (and extension files): "ASE/3.22.1-gfbf-2022b". */
  modulename: z.string().optional(),
  required_modules: z.array(eessiModuleRef),
  cpu_arch: z.array(z.string()).optional(),
  description: optionalText,
  homepage: z.unknown().optional(),
});

export const eessiDocument = z.object({
  software: z.record(
    z.string(),
    z.object({
      description: optionalText,
      homepage: z.unknown().optional(),
      versions: z.array(eessiVersionEntry),
    }),
  ),
});

export type EessiModuleRef = z.infer<typeof eessiModuleRef>;
export type EessiVersionEntry = z.infer<typeof eessiVersionEntry>;
export type EessiDocument = z.infer<typeof eessiDocument>;
