import { NotFoundError } from '../errors.js';
import type { DeleteOperation, UpdateOperation } from '../plan/types.js';
import type { PackageWrite, WaldurClient } from '../waldur/types.js';
import { applyCreate } from './apply-create.js';
import { findPackageByName } from './find-package-by-name.js';
import { patchToMatch } from './patch-to-match.js';
import type { ApplyContext, Operation, OperationResult } from './types.js';

/** PATCH with the changed fields only; a package that vanished meanwhile is recreated. */
async function applyUpdate(client: WaldurClient, op: UpdateOperation, ctx: ApplyContext): Promise<OperationResult> {
  const body: Partial<PackageWrite> = Object.fromEntries(op.changes.map((c) => [c.field, c.new]));
  try {
    await client.patchPackage(op.uuid, body, { signal: ctx.signal });
    return { outcome: 'updated', writes: 1, uuid: op.uuid };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const desired = op.desired ?? {
    description: op.changes.find((c) => c.field === 'description')?.new ?? '',
    homepage: op.changes.find((c) => c.field === 'homepage')?.new ?? null,
  };
  // Someone may have recreated it under a new uuid: adopt that one rather than collide.
  const existing = await findPackageByName(client, ctx.catalog, op.name, ctx.signal);
  if (existing) {
    return { outcome: 'updated', writes: 1 + (await patchToMatch(client, existing, desired, ctx.signal)), uuid: existing.uuid };
  }
  const recreated = await applyCreate(client, { name: op.name, ...desired }, { ...ctx, mayHaveRun: false });
  return { outcome: 'created', writes: 1 + recreated.writes, ...(recreated.uuid ? { uuid: recreated.uuid } : {}) };
}

/** A delete is done when the package is gone, whoever removed it. */
async function applyDelete(client: WaldurClient, op: DeleteOperation, ctx: ApplyContext): Promise<OperationResult> {
  try {
    await client.deletePackage(op.uuid, { signal: ctx.signal });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  return { outcome: 'deleted', writes: 1, uuid: op.uuid };
}

/**
 * Applies one planned operation; safe to run twice (retry, lost response, redelivered job).
 * Errors are thrown typed (ValidationError: permanent; RateLimited: wait retryAfterMs;
 * Transient: retry) and the CALLER owns retries and backoff.
 */
export async function applyOperation(client: WaldurClient, op: Operation, ctx: ApplyContext): Promise<OperationResult> {
  switch (op.kind) {
    case 'create':
      return await applyCreate(client, op, ctx);
    case 'update':
      return await applyUpdate(client, op, ctx);
    case 'delete':
      return await applyDelete(client, op, ctx);
  }
}
