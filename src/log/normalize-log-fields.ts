import { CatalogSyncError, describeError } from '../errors.js';

/**
 * One shape for errors on every line: `error` is the message (what describeError says), with
 * `error_code` for the project's typed errors and `error_stack` for anything unexpected (a bug
 * or a library's failure, where the stack is what helps). `err`, pino's habit, becomes `error`.
 */
export function normalizeLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  if (!('err' in fields) && !(fields.error instanceof Error)) return fields;
  const { err, ...rest } = fields;
  const value = rest.error ?? err;
  if (!(value instanceof Error)) return err === undefined ? rest : { ...rest, error: describeError(value) };
  return {
    ...rest,
    error: describeError(value),
    ...(value instanceof CatalogSyncError ? { error_code: value.code } : { error_stack: value.stack ?? null }),
  };
}
