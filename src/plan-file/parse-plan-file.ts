// Reads a saved plan back. The file passed through an operator's hands (and maybe a review
// tool), so every field is checked and a bad one is named, never guessed at.
import { z } from 'zod';
import { CATALOG_TYPES } from '../config/config-defaults.js';
import { formatPath } from '../config/format-path.js';
import { ValidationError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type PlanFile } from './types.js';

const text = z.string();
const uuid = z.string().regex(/^[0-9a-f]{32}$/i, 'must be a 32-hex-digit uuid');
const homepage = z.string().nullable();
const waldur = z.strictObject({ description: text, homepage, modified: z.string().nullable() });
const change = z.strictObject({ old: z.string().nullable(), new: z.string().nullable() });

const operation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('create'),
    name: text,
    new: z.strictObject({ description: text, homepage, is_extension: z.boolean() }),
  }),
  z.strictObject({
    kind: z.literal('update'),
    name: text,
    uuid,
    new: z.strictObject({ description: text, homepage }),
    changes: z.strictObject({ description: change.optional(), homepage: change.optional() }),
    waldur,
  }),
  z.strictObject({ kind: z.literal('delete'), name: text, uuid, duplicate_of: uuid.optional(), waldur }),
]);

const source = z.strictObject({
  source: text,
  catalog: z.strictObject({ name: text, version: text, type: z.enum(CATALOG_TYPES), uuid: uuid.nullable(), will_create: z.boolean() }),
  upstream: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), packages: z.number().int().min(0) }),
  guards: z.strictObject({
    prune: z.strictObject({ enabled: z.boolean(), max_delete: z.union([z.number(), z.string()]), allow_empty: z.boolean() }),
    protect: z.array(text),
    force: z.boolean(),
  }),
  operations: z.array(operation),
  refused_delete: z.array(z.strictObject({ name: text, uuid: text, reason: text, code: z.enum(['protected', 'empty_upstream', 'over_limit']).nullable() })),
  unchanged: z.number().int().min(0),
});

export const PLAN_FILE_SCHEMA = z.strictObject({
  format_version: z.literal(PLAN_FORMAT_VERSION),
  plan_id: z.string().min(1),
  created_at: z.string(),
  created_by: z.string(),
  waldur_url: z.string(),
  sources: z.array(source),
});

/** The plan in `text` (read from `file`, for messages), or a ValidationError naming the bad field. */
export function parsePlanFile(textIn: string, file: string): PlanFile {
  let value: unknown;
  try {
    value = JSON.parse(textIn);
  } catch (err) {
    throw new ValidationError(`${file} is not a saved plan: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const version = (value as { format_version?: unknown } | null)?.format_version;
  if (typeof value === 'object' && value !== null && version !== PLAN_FORMAT_VERSION) {
    throw new ValidationError(
      `${file} has format_version ${JSON.stringify(version ?? null)}; this catalog-sync reads format_version ${PLAN_FORMAT_VERSION}: write the plan again with \`catalog-sync plan --out\``,
    );
  }
  const result = PLAN_FILE_SCHEMA.safeParse(value);
  if (result.success) return result.data as PlanFile;
  const issue = result.error.issues[0]!;
  const path = formatPath(issue.path, 'root');
  throw new ValidationError(`${file} is not a valid saved plan: ${path}: ${issue.message}`, { [path]: [issue.message] });
}
