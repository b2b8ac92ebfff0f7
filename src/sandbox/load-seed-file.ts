// Reads and checks a seed file (JSON or YAML; YAML 1.2 reads JSON too). The format is documented
// on SandboxSeed in types.ts and shown in config/examples/sandbox-seed.yaml.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { SandboxSeed } from './types.js';

const text = z.string().min(1);
const oldTarget = z.object({ cpu_family: text, cpu_microarchitecture: text, path: z.string().optional() });
const newTarget = z.object({
  target_type: text.optional(),
  target_name: text,
  target_subtype: z.string().optional(),
  location: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  gpu_architectures: z.array(z.string()).optional(),
});
const seedSchema = z.object({
  catalogs: z.array(
    z.object({
      name: text.max(100),
      version: z.union([text.max(50), z.number().transform(String)]),
      catalog_type: z.enum(['binary_runtime', 'source_package', 'package_manager']),
      packages: z
        .array(
          z.object({
            name: text.max(200),
            description: z.string().nullish(),
            homepage: z.string().nullish(),
            is_extension: z.boolean().optional(),
            versions: z
              .array(
                z.object({
                  version: z.union([text, z.number().transform(String)]),
                  module_version: z.union([z.string(), z.number().transform(String)]).optional(),
                  module: z.record(z.string(), z.unknown()).optional(),
                  release_date: z.string().nullish(),
                  targets: z.array(z.union([newTarget, oldTarget])).optional(),
                }),
              )
              .optional(),
          }),
        )
        .optional(),
    }),
  ),
});

export async function loadSeedFile(file: string): Promise<SandboxSeed> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    throw new ValidationError(`cannot read seed file: ${(err as Error).message}`, {}, { file, cause: err });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = first.linePos?.[0];
    throw new ValidationError(`seed file is not valid YAML/JSON: ${first.message.split('\n')[0]}`, {}, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  const parsed = seedSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data as SandboxSeed;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  const node = doc.getIn(issue.path as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
  const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
  const field = path.join('.') || '(root)';
  throw new ValidationError(`invalid seed file: ${field}: ${issue.message}`, { [field]: [issue.message] }, {
    file,
    ...(pos ? { line: pos.line, column: pos.col } : {}),
  });
}
